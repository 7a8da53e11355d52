"""The small non-media answers of the media host: error texts and Instagram's login wall."""

from __future__ import annotations

# Instagram's CDN answers an expired or forged signed link with 403 and this text.
FORBIDDEN_TEXT = "URL signature expired"
NOT_FOUND_TEXT = "Not Found"

LOGIN_PAGE = """<!DOCTYPE html>
<html lang="en" class="no-js not-logged-in">
<head>
<meta charset="utf-8">
<title>Login • Instagram</title>
<meta name="description" content="Welcome back to Instagram. Sign in to check out what your \
friends, family &amp; interests have been capturing &amp; sharing around the world.">
<meta property="og:site_name" content="Instagram">
<meta property="og:title" content="Login • Instagram">
<link rel="canonical" href="https://www.instagram.com/accounts/login/">
</head>
<body>
<div id="react-root">
<form id="loginForm" method="post" action="/accounts/login/ajax/">
<input name="username" aria-label="Phone number, username, or email" type="text">
<input name="password" aria-label="Password" type="password">
<button type="submit">Log in</button>
</form>
<p>Don't have an account? <a href="/accounts/emailsignup/">Sign up</a></p>
</div>
</body>
</html>
"""
