package io.github.servermanager.integration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What every {@code @LoadBalanced} client must show against three real servers: it sticks
 * to one, fails over at once, and treats 503 (not 500) as a server failure. Subclasses
 * say how their client sends a request.
 */
abstract class AbstractLoadBalancedClientIntegrationTests {

	private Backends backends;

	private ConfigurableApplicationContext client;

	@BeforeEach
	void startBackends() throws Exception {
		this.backends = Backends.start(3);
	}

	@AfterEach
	void stopEverything() {
		if (this.client != null) {
			this.client.close();
		}
		this.backends.close();
	}

	/**
	 * Returns a function that sends {@code GET http://backend/whoami} and returns the
	 * body, throwing on an error status or I/O failure.
	 */
	abstract Supplier<String> whoami(ConfigurableApplicationContext client);

	/** The properties that turn retry on for this client. */
	abstract String[] retryOn();

	@Test
	void hundredSequentialRequestsAllReachOneServer() {
		Supplier<String> whoami = start();
		Set<String> served = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			served.add(whoami.get());
		}
		assertThat(served).hasSize(1);
		assertThat(this.backends.named(served.iterator().next()).requests()).isEqualTo(100);
	}

	@Test
	void stoppingTheFrontServerWithRetryOnFailsNoRequest() {
		Supplier<String> whoami = start(retryOn());
		Backend front = this.backends.named(whoami.get());
		front.stop();
		List<String> served = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			served.add(whoami.get());
		}
		assertThat(served).doesNotContain(front.name());
		assertThat(new HashSet<>(served)).hasSize(1);
	}

	@Test
	void stoppingTheFrontServerWithRetryOffFailsExactlyOneRequest() {
		Supplier<String> whoami = start("spring.cloud.loadbalancer.retry.enabled=false");
		Backend front = this.backends.named(whoami.get());
		front.stop();
		int failed = 0;
		List<String> served = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			try {
				served.add(whoami.get());
			}
			catch (RuntimeException ex) {
				failed++;
			}
		}
		assertThat(failed).isOne();
		assertThat(served).hasSize(19).doesNotContain(front.name());
		assertThat(new HashSet<>(served)).hasSize(1);
	}

	@Test
	void serverAnswering503IsRotatedAway() {
		Supplier<String> whoami = start();
		Backend front = this.backends.named(whoami.get());
		front.answerWith(503);
		assertThatException().isThrownBy(whoami::get);
		assertThat(whoami.get()).isNotEqualTo(front.name());
	}

	@Test
	void serverAnswering500KeepsItsPlace() {
		Supplier<String> whoami = start();
		Backend front = this.backends.named(whoami.get());
		front.answerWith(500);
		assertThatException().isThrownBy(whoami::get);
		front.answerWith(200);
		assertThat(whoami.get()).isEqualTo(front.name());
	}

	@Test
	void everyServerDownFailsWithTheConnectionErrorNotNoInstance() {
		Supplier<String> whoami = start("spring.cloud.loadbalancer.retry.enabled=false");
		whoami.get();
		this.backends.all().forEach(Backend::stop);
		// An I/O error from the server's address, not "no instance available": a refused
		// connection, or a pooled connection that the stopped server closed.
		for (int i = 0; i < 4; i++) {
			assertThatException().isThrownBy(whoami::get)
				.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(IOException.class));
		}
	}

	private Supplier<String> start(String... properties) {
		this.client = ClientApplication.start(this.backends, properties);
		return whoami(this.client);
	}

}
