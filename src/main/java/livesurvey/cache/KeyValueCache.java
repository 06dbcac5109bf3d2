package livesurvey.cache;

import java.util.function.Function;

/** A small key/value cache: what the services need, whatever backs it. */
public interface KeyValueCache<K, V> {
    /** The cached value, computing and storing it when absent. */
    V get(K key, Function<? super K, ? extends V> loader);

    /** The cached value, or null when there is none (nothing is computed). */
    V peek(K key);

    void invalidate(K key);

    void invalidateAll();

    /** Forgets every entry whose value matches, e.g. all keys that lead to one deleted thing. */
    void invalidateIf(java.util.function.Predicate<? super V> value);
}
