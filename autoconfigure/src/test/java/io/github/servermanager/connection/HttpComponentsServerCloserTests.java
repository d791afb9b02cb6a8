package io.github.servermanager.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

import io.github.servermanager.testsupport.CountingBackend;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Apache HttpClient 5 pools, classic and async, strict and lax, holding one idle
 * connection to each of two real servers: closing one server's leaves the other's open,
 * however long it has been idle.
 */
class HttpComponentsServerCloserTests {

	private static final Duration GRACE = Duration.ofMillis(1);

	private final CountingBackend leaving = CountingBackend.start("leaving");

	private final CountingBackend staying = CountingBackend.start("staying");

	@AfterEach
	void stopBackends() {
		this.leaving.close();
		this.staying.close();
	}

	@ParameterizedTest
	@EnumSource(names = { "STRICT", "LAX" })
	void classicPoolClosesOnlyTheLeavingServersConnection(PoolConcurrencyPolicy policy) throws Exception {
		PoolingHttpClientConnectionManager manager = PoolingHttpClientConnectionManagerBuilder.create()
			.setPoolConcurrencyPolicy(policy)
			.build();
		HttpComponentsServerCloser<PoolingHttpClientConnectionManager> closer = HttpComponentsServerCloser
			.forManager(PoolingHttpClientConnectionManager.class, GRACE);
		assertThat(closer.closesPerServer(manager)).isTrue();
		try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(manager).build()) {
			assertOnlyTheLeavingServersConnectionCloses((backend) -> get(client, backend),
					() -> closer.accept(manager, address(this.leaving)));
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "STRICT", "LAX" })
	void asyncPoolClosesOnlyTheLeavingServersConnection(PoolConcurrencyPolicy policy) throws Exception {
		PoolingAsyncClientConnectionManager manager = PoolingAsyncClientConnectionManagerBuilder.create()
			.setPoolConcurrencyPolicy(policy)
			.build();
		HttpComponentsServerCloser<PoolingAsyncClientConnectionManager> closer = HttpComponentsServerCloser
			.forManager(PoolingAsyncClientConnectionManager.class, GRACE);
		assertThat(closer.closesPerServer(manager)).isTrue();
		try (CloseableHttpAsyncClient client = HttpAsyncClients.custom().setConnectionManager(manager).build()) {
			client.start();
			assertOnlyTheLeavingServersConnectionCloses((backend) -> get(client, backend),
					() -> closer.accept(manager, address(this.leaving)));
		}
	}

	@Test
	void aManagerWhosePoolCannotBeReachedFallsBackToClosingEveryIdleConnection() throws Exception {
		HttpComponentsServerCloser<ManagerOfAnotherKind> closer = HttpComponentsServerCloser
			.forManager(ManagerOfAnotherKind.class, GRACE);
		ManagerOfAnotherKind manager = new ManagerOfAnotherKind();
		assertThat(closer.closesPerServer(manager)).isFalse();
		try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(manager).build()) {
			for (CountingBackend backend : List.of(this.leaving, this.staying)) {
				get(client, backend);
			}
			awaitIdleConnectionsHeldByBoth();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				closer.accept(manager, address(this.leaving));
				assertThat(this.leaving.openConnections()).isZero();
				assertThat(this.staying.openConnections()).isZero();
			});
		}
	}

	@Test
	void anOffLockPoolIsNotClosedPerServer() {
		// HttpCore 5.4 added this pool; the Spring Boot 4.0 line has an older HttpCore.
		assumeTrue(Arrays.stream(PoolConcurrencyPolicy.values()).anyMatch((policy) -> policy.name().equals("OFFLOCK")));
		PoolingHttpClientConnectionManager manager = PoolingHttpClientConnectionManagerBuilder.create()
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.valueOf("OFFLOCK"))
			.build();
		HttpComponentsServerCloser<PoolingHttpClientConnectionManager> closer = HttpComponentsServerCloser
			.forManager(PoolingHttpClientConnectionManager.class, GRACE);
		assertThat(closer.closesPerServer(manager)).isFalse();
		manager.close();
	}

	private void awaitIdleConnectionsHeldByBoth() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.leaving.openConnections()).isEqualTo(1);
			assertThat(this.staying.openConnections()).isEqualTo(1);
		});
	}

	/**
	 * Sends a request to each server, closes the leaving server's idle connections, and
	 * checks that only those closed: the staying server answers on the connection it had.
	 */
	private void assertOnlyTheLeavingServersConnectionCloses(Get get, Runnable closeLeaving) throws Exception {
		for (CountingBackend backend : List.of(this.leaving, this.staying)) {
			get.from(backend);
		}
		awaitIdleConnectionsHeldByBoth();
		closeLeaving.run();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.leaving.openConnections()).isZero());
		assertThat(this.staying.openConnections()).isEqualTo(1);
		assertThat(get.from(this.staying)).isEqualTo("staying");
		assertThat(this.staying.acceptedConnections()).isEqualTo(1);
	}

	private static String get(CloseableHttpClient client, CountingBackend backend) throws Exception {
		return client.execute(new HttpGet(backend.uri() + "/whoami"),
				(response) -> EntityUtils.toString(response.getEntity()));
	}

	private static String get(CloseableHttpAsyncClient client, CountingBackend backend) throws Exception {
		SimpleHttpRequest request = SimpleRequestBuilder.get(backend.uri() + "/whoami").build();
		Future<SimpleHttpResponse> answer = client.execute(request, null);
		return answer.get().getBodyText();
	}

	private static ServerAddress address(CountingBackend backend) {
		return new ServerAddress("127.0.0.1", backend.port());
	}

	/** A request to a server's {@code /whoami}, through one of the clients. */
	@FunctionalInterface
	interface Get {

		String from(CountingBackend backend) throws Exception;

	}

	/** A manager whose pool is not where this HttpClient keeps it. */
	static final class ManagerOfAnotherKind extends PoolingHttpClientConnectionManager {

	}

}
