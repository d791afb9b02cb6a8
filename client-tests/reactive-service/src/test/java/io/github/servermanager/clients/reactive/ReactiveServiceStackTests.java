package io.github.servermanager.clients.reactive;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.StackChecks;
import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack this module stands for, and what the starter leaves behind it: a WebFlux
 * service on Reactor Netty whose only client is WebClient, without Spring Boot's
 * RestClient module, Web MVC or a servlet container, whose threads of the starter all end
 * when it closes.
 */
class ReactiveServiceStackTests {

	@Test
	void classPathHasWebFluxAndWebClientOnReactorNettyButNoRestClientModuleNorServlet() {
		StackChecks.assertOnClassPath("org.springframework.web.reactive.function.client.WebClient");
		StackChecks.assertOnClassPath("org.springframework.boot.webclient.WebClientCustomizer");
		StackChecks.assertOnClassPath("reactor.netty.http.client.HttpClient");
		StackChecks.assertOnClassPath("org.springframework.web.reactive.DispatcherHandler");
		// What the module is for: Spring Boot's RestClient module
		// (spring-boot-restclient) is not there, and the starter must
		// do without it.
		StackChecks.assertNotOnClassPath("org.springframework.boot.restclient.RestClientCustomizer");
		StackChecks
			.assertNotOnClassPath("org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer");
		StackChecks.assertNotOnClassPath("org.springframework.web.servlet.DispatcherServlet");
		StackChecks.assertNotOnClassPath("jakarta.servlet.Servlet");
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
				StackChecks.assertStoppedFrontFailsAtMostOneRequest(backends, service::whoami);
				StackChecks.awaitWorkerLive();
			}
			finally {
				service.close();
			}
			StarterThreads.awaitNoneLive();
		}
	}

}
