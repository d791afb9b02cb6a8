package io.github.servermanager.connection;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for {@link HttpComponentsServerCloser} to reach the pool of
 * an Apache HttpClient 5 connection manager. Without it, closing falls back to every
 * connection idle for the grace period.
 */
public class HttpComponentsRuntimeHints implements RuntimeHintsRegistrar {

	private static final String[] MANAGERS = { "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager",
			"org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager" };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String manager : MANAGERS) {
			hints.reflection()
				.registerTypeIfPresent(classLoader, manager,
						(type) -> type.withField(HttpComponentsServerCloser.POOL_FIELD));
		}
	}

}
