"""Everything that touches the outside world, one package per thing."""
