package io.github.servermanager.integration;

import java.time.Duration;
import java.util.Set;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every server of one service accepts health checks and never answers them. The pings
 * have connections and threads of their own, cut off at ping-timeout: the application's
 * requests to that service and to another one never wait for them, and nothing of the
 * starter outlives the context.
 */
class HungHealthCheckIntegrationTests {

	private static final String OTHER = "other";

	private static final Duration PING_TIMEOUT = Duration.ofMillis(300);

	/** Far below the seconds a request would wait for a pooled connection a ping held. */
	private static final Duration REQUEST_BOUND = Duration.ofSeconds(1);

	private Backends hung;

	private Backends healthy;

	@BeforeEach
	void startBackends() throws Exception {
		this.hung = Backends.start(3);
		this.hung.all().forEach((backend) -> backend.hangHealthChecks(true));
		this.healthy = Backends.start(2);
	}

	@AfterEach
	void stopBackends() {
		this.hung.close();
		this.healthy.close();
	}

	@Test
	void requestsNeverWaitForHungPingsAndNoThreadOutlivesTheContext() {
		Set<Thread> before = StarterThreads.liveThreads();
		ConfigurableApplicationContext context = ClientApplication.start(this.hung,
				"server-manager.ping-timeout=" + PING_TIMEOUT, "server-manager.min-reuse=100ms",
				"spring.cloud.discovery.client.simple.instances." + OTHER + "[0].uri="
						+ this.healthy.all().get(0).uri(),
				"spring.cloud.discovery.client.simple.instances." + OTHER + "[0].instance-id=o1",
				"spring.cloud.discovery.client.simple.instances." + OTHER + "[1].uri="
						+ this.healthy.all().get(1).uri(),
				"spring.cloud.discovery.client.simple.instances." + OTHER + "[1].instance-id=o2");
		try {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			call(restClient, ClientApplication.SERVICE);
			call(restClient, OTHER);
			ServerManagerRegistry registry = context.getBean(ServerManagerRegistry.class);
			ManagedService hungService = registry.find(ClientApplication.SERVICE).orElseThrow();
			ManagedService otherService = registry.find(OTHER).orElseThrow();
			// Enough hung pings to have drained any pool they could have used (Apache's
			// holds 5 connections per route), with requests to both services meanwhile:
			// a rebalance that pings all three, then the re-check of the offline service.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
				call(restClient, ClientApplication.SERVICE);
				call(restClient, OTHER);
				return pings(this.hung) >= 6;
			});
			assertThat(hungService.lastRebalance().outcome()).isEqualTo(RebalanceOutcome.OFFLINE);
			await().atMost(Duration.ofSeconds(10)).until(() -> otherService.lastRebalance() != null);
			assertThat(otherService.lastRebalance().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		}
		finally {
			context.close();
		}
		// Close interrupts the workers; a ping's socket read ends at its timeout at the
		// latest.
		StarterThreads.awaitNoneLiveBut(before, PING_TIMEOUT.plusSeconds(1));
	}

	private static void call(RestClient restClient, String serviceId) {
		long start = System.nanoTime();
		String answer = restClient.get().uri("http://" + serviceId + "/whoami").retrieve().body(String.class);
		assertThat(answer).isNotBlank();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("request to %s", serviceId)
			.isLessThan(REQUEST_BOUND);
	}

	private static int pings(Backends backends) {
		return backends.all().stream().mapToInt(Backend::pings).sum();
	}

}
