"""Behind a reverse proxy (nginx, deploy/nginx/joud.conf): whose address is the client's.

gunicorn sees nginx's address (127.0.0.1) on every request, so per-address sign-in rate limits
would count the whole country as one client. With ``JOUD_TRUSTED_PROXY_COUNT`` proxies in front,
allauth takes the client's address from that position from the end of X-Forwarded-For (nginx
appends the address it saw). 0, the default, trusts no header: right when nothing is in front.
"""

import environ

ALLAUTH_TRUSTED_PROXY_COUNT = environ.Env().int("JOUD_TRUSTED_PROXY_COUNT", default=0)
