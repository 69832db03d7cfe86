"""Django's Redis cache, without building a Redis client for every operation.

Django's client makes a new redis.Redis (which sets up some 170 response callbacks) for
each get and set: about 0.2 ms, more than the round trip to Redis itself, paid several
times by every signed-in page. A redis.Redis is safe to share between threads (each
command takes a connection from the pool), so one per connection pool is kept.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _OneClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _OneClientPerPool
