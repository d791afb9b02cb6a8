package io.github.servermanager.connection;

import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image can read the pool of both Apache HttpClient 5 connection managers.
 */
class HttpComponentsRuntimeHintsTests {

	@Test
	void thePoolFieldOfBothManagersIsReadable() {
		RuntimeHints hints = new RuntimeHints();
		new HttpComponentsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(PoolingHttpClientConnectionManager.class, HttpComponentsServerCloser.POOL_FIELD))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(PoolingAsyncClientConnectionManager.class, HttpComponentsServerCloser.POOL_FIELD))
			.accepts(hints);
	}

}
