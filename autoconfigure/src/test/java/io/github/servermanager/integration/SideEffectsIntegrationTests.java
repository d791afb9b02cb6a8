package io.github.servermanager.integration;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter changes nothing outside itself: the application's own scheduling stays off,
 * no system property is set, its threads are its own and stop with the context, and two
 * applications in one JVM share nothing.
 */
class SideEffectsIntegrationTests {

	private Backends backends;

	@BeforeEach
	void startBackends() throws Exception {
		this.backends = Backends.start(2);
	}

	@AfterEach
	void stopBackends() throws Exception {
		this.backends.close();
	}

	@Test
	void anApplicationThatNeverEnabledSchedulingHasItsScheduledMethodsLeftAlone() {
		try (ConfigurableApplicationContext context = start(ScheduledJobApplication.class,
				"server-manager.min-reuse=100ms", "server-manager.ping=tcp",
				"spring.cloud.loadbalancer.eager-load.clients=" + ClientApplication.SERVICE)) {
			ManagedService service = context.getBean(ServerManagerRegistry.class)
				.find(ClientApplication.SERVICE)
				.orElseThrow();
			// The starter's own tick runs: the service rebalances on schedule...
			await().atMost(Duration.ofSeconds(10)).until(() -> service.lastRebalance() != null);
			// ...while the application's @Scheduled method, every 10 ms, never runs.
			assertThat(context.getBean(ScheduledJobApplication.class).runs.get()).isZero();
		}
	}

	@Test
	void noSystemPropertyIsSet() {
		try (ConfigurableApplicationContext context = ClientApplication.start(this.backends,
				"spring.http.clients.imperative.factory=jdk")) {
			whoami(context);
			assertThat(System.getProperty("jdk.httpclient.keepalive.timeout")).isNull();
			assertThat(System.getProperties().keySet())
				.allSatisfy((key) -> assertThat(String.valueOf(key)).doesNotStartWith("jdk.httpclient"));
		}
	}

	@Test
	void everyThreadOfTheStarterIsNamedForItAndStopsWithTheContext() {
		Set<Thread> before = StarterThreads.liveThreads();
		try (ConfigurableApplicationContext context = ClientApplication.start(this.backends,
				"server-manager.min-reuse=100ms", "server-manager.ping=tcp")) {
			whoami(context);
			ManagedService service = context.getBean(ServerManagerRegistry.class)
				.find(ClientApplication.SERVICE)
				.orElseThrow();
			await().atMost(Duration.ofSeconds(10)).until(() -> service.lastRebalance() != null);
			assertThat(StarterThreads.liveThreads()).filteredOn((thread) -> !before.contains(thread))
				.isNotEmpty()
				.allSatisfy((thread) -> assertThat(thread.getName()).matches("server-manager-(scheduler|worker-\\d+)"));
		}
		StarterThreads.awaitNoneLiveBut(before);
	}

	@Test
	void twoApplicationsInOneJvmShareNothing() {
		try (ConfigurableApplicationContext first = ClientApplication.start(this.backends)) {
			whoami(first);
			try (ConfigurableApplicationContext second = ClientApplication.start(this.backends)) {
				assertThat(first.getBean(ServerManagerRegistry.class))
					.isNotSameAs(second.getBean(ServerManagerRegistry.class));
				whoami(second);
			}
			// Closing the second left the first running.
			assertThat(whoami(first)).isNotBlank();
			ManagedService service = first.getBean(ServerManagerRegistry.class)
				.find(ClientApplication.SERVICE)
				.orElseThrow();
			assertThat(service.rebalanceNow().outcome()).isNotNull();
		}
	}

	private static String whoami(ConfigurableApplicationContext context) {
		return context.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri("http://" + ClientApplication.SERVICE + "/whoami")
			.retrieve()
			.body(String.class);
	}

	private ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(this.backends.discoveryProperties(ClientApplication.SERVICE))
			.properties("spring.application.name=client", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	/** An application with a scheduled job that never enabled scheduling. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ScheduledJobApplication {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 10)
		void job() {
			this.runs.incrementAndGet();
		}

	}

}
