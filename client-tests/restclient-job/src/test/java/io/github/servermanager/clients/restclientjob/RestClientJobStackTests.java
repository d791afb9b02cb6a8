package io.github.servermanager.clients.restclientjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stack this module stands for, and what the starter leaves behind it: a job without
 * a web server whose only client is RestClient on the JDK {@code HttpClient}, with no
 * other HTTP client library, no actuator and no Spring Retry, whose threads of the
 * starter all end when it closes.
 */
class RestClientJobStackTests {

	private static final String FAILED = "(failed)";

	@Test
	void classPathHasRestClientOnTheJdkHttpClientOnly() {
		assertPresent("org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer");
		assertAbsent("org.apache.hc.client5.http.impl.classic.HttpClients");
		assertAbsent("org.apache.hc.client5.http.impl.async.HttpAsyncClients");
		assertAbsent("org.eclipse.jetty.client.HttpClient");
		assertAbsent("reactor.netty.http.client.HttpClient");
		assertAbsent("org.springframework.web.reactive.function.client.WebClient");
		assertAbsent("org.springframework.retry.support.RetryTemplate");
		assertAbsent("org.springframework.boot.actuate.endpoint.annotation.Endpoint");
		assertAbsent("jakarta.servlet.Servlet");
		assertAbsent("org.springframework.boot.web.server.WebServer");
	}

	@Test
	void jobRunsWithoutWebServerOnTheJdkHttpClientAndItsThreadsOfTheStarterEndWhenItCloses() throws Exception {
		try (Backends backends = Backends.start(3)) {
			// A short min-reuse has the first rebalance run within a
			// couple of seconds, on the starter's rebalance threads, so
			// that those are live too when it closes.
			ConfigurableApplicationContext context = RestClientJobApplication.start(backends,
					"server-manager.min-reuse=1s");
			try {
				// What SpringApplication makes for web-application-type none.
				assertThat(context).isExactlyInstanceOf(AnnotationConfigApplicationContext.class);
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
					.isInstanceOf(JdkClientHttpRequestFactoryBuilder.class);
				RestClientJobApplication.BackendClient client = context
					.getBean(RestClientJobApplication.BackendClient.class);
				String front = client.whoami();
				backends.named(front).stop();
				List<String> outcomes = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					try {
						outcomes.add(client.whoami());
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
				context.close();
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
