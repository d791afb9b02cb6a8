package io.github.servermanager.clients.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stack this module stands for, and what the starter leaves behind it: a WebFlux
 * service on Reactor Netty whose only client is WebClient, without Spring Boot's
 * RestClient module, Web MVC or a servlet container, whose threads of the starter all end
 * when it closes.
 */
class ReactiveServiceStackTests {

	private static final String FAILED = "(failed)";

	@Test
	void classPathHasWebFluxAndWebClientOnReactorNettyButNoRestClientModuleNorServlet() {
		assertPresent("org.springframework.web.reactive.function.client.WebClient");
		assertPresent("org.springframework.boot.webclient.WebClientCustomizer");
		assertPresent("reactor.netty.http.client.HttpClient");
		assertPresent("org.springframework.web.reactive.DispatcherHandler");
		// What the module is for: Spring Boot's RestClient module
		// (spring-boot-restclient) is not there, and the starter must
		// do without it.
		assertAbsent("org.springframework.boot.restclient.RestClientCustomizer");
		assertAbsent("org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer");
		assertAbsent("org.springframework.web.servlet.DispatcherServlet");
		assertAbsent("jakarta.servlet.Servlet");
	}

	@Test
	void serviceRunsOnReactorNettyAndItsThreadsOfTheStarterEndWhenItCloses() throws Exception {
		try (Backends backends = Backends.start(3)) {
			// A short min-reuse has the first rebalance run within a
			// couple of seconds, on the starter's rebalance threads, so
			// that those are live too when it closes.
			ReactiveServiceApplication.Service service = ReactiveServiceApplication.start(backends,
					"server-manager.min-reuse=1s");
			try {
				assertThat(((WebServerApplicationContext) service.context()).getWebServer())
					.isInstanceOf(NettyWebServer.class);
				assertThat(service.context().getBean(ClientHttpConnector.class))
					.isInstanceOf(ReactorClientHttpConnector.class);
				String front = service.whoami();
				backends.named(front).stop();
				List<String> outcomes = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					try {
						outcomes.add(service.whoami());
					}
					catch (Exception ex) {
						outcomes.add(FAILED);
					}
				}
				// At most the first request, which met the stopped server, failed; every
				// later one went to one other server.
				List<String> afterFailover = outcomes.get(0).equals(FAILED) ? outcomes.subList(1, outcomes.size())
						: outcomes;
				assertThat(afterFailover).as("outcomes %s", outcomes)
					.hasSizeGreaterThanOrEqualTo(4)
					.doesNotContain(front, FAILED);
				assertThat(new HashSet<>(afterFailover)).as("outcomes %s", outcomes).hasSize(1);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> StarterThreads.live()
						.stream()
						.anyMatch((name) -> name.startsWith("server-manager-worker-")));
			}
			finally {
				service.close();
			}
			StarterThreads.awaitNoneLive();
		}
	}

	private static void assertPresent(String className) {
		assertThat(ClassUtils.isPresent(className, null)).as("%s on the class path", className).isTrue();
	}

	private static void assertAbsent(String className) {
		assertThat(ClassUtils.isPresent(className, null)).as("%s on the class path", className).isFalse();
	}

}
