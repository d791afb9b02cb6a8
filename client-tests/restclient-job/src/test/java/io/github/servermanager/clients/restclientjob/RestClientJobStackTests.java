package io.github.servermanager.clients.restclientjob;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.StackChecks;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack this module stands for, and what the starter leaves behind it: a job without
 * a web server whose only client is RestClient on the JDK {@code HttpClient}, with no
 * other HTTP client library, no actuator and no Spring Retry, whose threads of the
 * starter all end when it closes.
 */
class RestClientJobStackTests {

	@Test
	void classPathHasRestClientOnTheJdkHttpClientOnly() {
		StackChecks.assertOnClassPath("org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer");
		StackChecks.assertNotOnClassPath("org.apache.hc.client5.http.impl.classic.HttpClients");
		StackChecks.assertNotOnClassPath("org.apache.hc.client5.http.impl.async.HttpAsyncClients");
		StackChecks.assertNotOnClassPath("org.eclipse.jetty.client.HttpClient");
		StackChecks.assertNotOnClassPath("reactor.netty.http.client.HttpClient");
		StackChecks.assertNotOnClassPath("org.springframework.web.reactive.function.client.WebClient");
		StackChecks.assertNotOnClassPath("org.springframework.retry.support.RetryTemplate");
		StackChecks.assertNotOnClassPath("org.springframework.boot.actuate.endpoint.annotation.Endpoint");
		StackChecks.assertNotOnClassPath("jakarta.servlet.Servlet");
		StackChecks.assertNotOnClassPath("org.springframework.boot.web.server.WebServer");
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
				StackChecks.assertStoppedFrontFailsAtMostOneRequest(backends, client::whoami);
				StackChecks.awaitWorkerLive();
			}
			finally {
				context.close();
			}
			StarterThreads.awaitNoneLive();
		}
	}

}
