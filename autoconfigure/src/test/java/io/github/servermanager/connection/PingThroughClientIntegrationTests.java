package io.github.servermanager.connection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client with one {@code RestClient}, pinging over HTTP, against servers that count the
 * connections they accept: after a rebalance moves the front to a server, that server
 * accepted one connection for the ping and the requests that follow when pings go through
 * the client, two when they use a socket of their own.
 */
class PingThroughClientIntegrationTests extends CountingBackendsTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "reactor" })
	void newFrontAcceptsOneConnectionForThePingAndTheRequests(String factory) {
		this.client = startClient(factory, true);
		assertThat(acceptedByNewFrontAfterRebalance(factory)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void socketPingCostsTheNewFrontASecondConnection(String factory) {
		this.client = startClient(factory, false);
		assertThat(acceptedByNewFrontAfterRebalance(factory)).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "reactor", "jetty" })
	void withSeveralClientsThePingGoesThroughTheOneThatCallsTheService(String factory) {
		this.client = ConnectionsClientApplication.start(this.backends,
				"spring.http.clients.imperative.factory=" + factory, "server-manager.ping=http");
		assertThat(this.client.getBean(CapturedClients.class).alive()).hasSizeGreaterThan(1);
		assertThat(acceptedByNewFrontAfterRebalance(factory)).isEqualTo(1);
	}

	@Test
	void severalJdkClientsKeepTheSocketPing() {
		this.client = ConnectionsClientApplication.start(this.backends, "spring.http.clients.imperative.factory=jdk",
				"spring.http.clients.reactive.connector=jdk", "server-manager.ping=http");
		assertThat(this.client.getBean(CapturedClients.class).alive()).hasSizeGreaterThan(1);
		assertThat(acceptedByNewFrontAfterRebalance("jdk")).isEqualTo(2);
	}

	@Test
	void aFailedPingLeavesNoConnectionToTheServerItPinged() {
		Map<String, Object> failing = new LinkedHashMap<>();
		failing.put("server-manager.ping", "http-health");
		failing.put("server-manager.health-path", "/missing");
		this.client = startClient("reactor", true, failing);
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		CountingBackend front = backendNamed(call(restClient));
		CountingBackend other = this.backends.stream().filter((backend) -> backend != front).findFirst().orElseThrow();
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			service.rebalanceNow();
			return other.acceptedConnections() > 0;
		});
		assertThat(service.manager().findServer().getPort()).isEqualTo(front.port());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(other.openConnections()).isZero());
		assertThat(front.openConnections()).isEqualTo(1);
	}

	/**
	 * Sends a request, rebalances until the front moves, sends three requests and returns
	 * how many connections the new front accepted from the rebalance on.
	 */
	private int acceptedByNewFrontAfterRebalance(String factory) {
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		CountingBackend oldFront = backendNamed(call(restClient));
		CountingBackend other = this.backends.stream()
			.filter((backend) -> backend != oldFront)
			.findFirst()
			.orElseThrow();
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		int before = other.acceptedConnections();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			service.rebalanceNow();
			ServiceInstance front = service.manager().findServer();
			return front != null && front.getPort() == other.port();
		});
		for (int i = 0; i < 3; i++) {
			assertThat(call(restClient)).isEqualTo(other.name());
		}
		// The old front's idle connection closes (the JDK client cannot close one
		// host's).
		if (!factory.equals("jdk")) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(oldFront.openConnections()).isZero());
		}
		return other.acceptedConnections() - before;
	}

	private static String call(RestClient restClient) {
		return restClient.get().uri("http://" + SERVICE + "/whoami").retrieve().body(String.class);
	}

	private ConfigurableApplicationContext startClient(String factory, boolean pingThroughClient) {
		return startClient(factory, pingThroughClient, Map.of());
	}

	private ConfigurableApplicationContext startClient(String factory, boolean pingThroughClient,
			Map<String, Object> more) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < this.backends.size(); i++) {
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].";
			properties.put(prefix + "uri", this.backends.get(i).uri());
			properties.put(prefix + "instance-id", this.backends.get(i).name());
		}
		properties.put("spring.application.name", "client");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.http.clients.imperative.factory", factory);
		properties.put("server-manager.ping", "http");
		if (!pingThroughClient) {
			properties.put("server-manager.ping-through-client", false);
		}
		properties.put("server-manager.cluster-size", "1");
		properties.put("server-manager.membership-refresh", "10m");
		properties.put("server-manager.idle-connection-grace", "100ms");
		properties.putAll(more);
		return new SpringApplicationBuilder(OneRestClientApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	/** A client application with one load-balanced {@code RestClient.Builder}. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OneRestClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
			return configurer.configure(RestClient.builder());
		}

	}

}
