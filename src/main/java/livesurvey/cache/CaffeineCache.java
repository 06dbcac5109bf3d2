package livesurvey.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.Function;

/** {@link KeyValueCache} held in this process by Caffeine. */
public final class CaffeineCache<K, V> implements KeyValueCache<K, V> {
    private final Cache<K, V> cache;

    public CaffeineCache(long maximumSize, Duration expireAfterWrite) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).build();
    }

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
        // A hit without entering the map's compute: hot keys (the one survey) are read by every request.
        V cached = cache.getIfPresent(key);
        return cached != null ? cached : cache.get(key, loader);
    }

    @Override
    public V peek(K key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void invalidate(K key) {
        cache.invalidate(key);
    }

    @Override
    public void invalidateIf(java.util.function.Predicate<? super V> value) {
        cache.asMap().values().removeIf(value);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
