"""The bare Django view the throughput benchmark compares pages with (benchmarks/throughput.py).

The site's production settings and middleware (all but the page caches, which the bare view
would only pay for), one URL answering a 20 KB page from a constant string: the most Django can
do per request on this machine.
"""

from knowvember.settings import *  # noqa: F403
from knowvember.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.bare_urls"
MIDDLEWARE = [name for name in MIDDLEWARE if not name.endswith("PageCacheMiddleware")]
