package io.github.servermanager.connection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client applications pinging over HTTP, against servers that count the connections they
 * accept: after a rebalance moves the front to a server, that server accepted one
 * connection for the ping and the request that follows when the ping went through the
 * client that calls the service, two when it used a socket of their own. With several
 * clients, the one that calls is found for every library that reports its requests.
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
	void withSeveralJdkClientsThePingGoesThroughTheRestClientThatCallsTheService() {
		this.client = ConnectionsClientApplication.start(this.backends, "spring.http.clients.imperative.factory=jdk",
				"spring.http.clients.reactive.connector=jdk", "server-manager.ping=http");
		assertThat(this.client.getBean(CapturedClients.class).alive()).hasSizeGreaterThan(1);
		assertThat(acceptedByNewFrontAfterRebalance("jdk")).isEqualTo(1);
	}

	@Test
	void withSeveralJdkClientsThePingGoesThroughTheRestTemplateThatCallsTheService() {
		this.client = ConnectionsClientApplication.start(this.backends, "spring.http.clients.imperative.factory=jdk",
				"spring.http.clients.reactive.connector=jdk", "server-manager.ping=http");
		RestTemplate restTemplate = this.client.getBean(RestTemplate.class);
		assertThat(acceptedByNewFrontAfterRebalance("jdk",
				() -> restTemplate.getForObject("http://" + SERVICE + "/whoami", String.class)))
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jetty", "http-components" })
	void aWebClientsPingGoesThroughItsConnector(String connector) {
		this.client = ConnectionsClientApplication.start(this.backends,
				"spring.http.clients.reactive.connector=" + connector, "server-manager.ping=http");
		assertThat(acceptedByNewFrontAfterRebalance(connector, webClientCall())).isEqualTo(1);
	}

	@Test
	void aWebClientOnTheJdkClientIsNotSeenAndKeepsTheSocketPing() {
		this.client = ConnectionsClientApplication.start(this.backends, "spring.http.clients.reactive.connector=jdk",
				"server-manager.ping=http");
		assertThat(acceptedByNewFrontAfterRebalance("jdk", webClientCall())).isEqualTo(2);
	}

	private Supplier<String> webClientCall() {
		WebClient webClient = this.client.getBean(WebClient.Builder.class).build();
		return () -> webClient.get().uri("http://" + SERVICE + "/whoami").retrieve().bodyToMono(String.class).block();
	}

	private int acceptedByNewFrontAfterRebalance(String factory) {
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		return acceptedByNewFrontAfterRebalance(factory, () -> call(restClient));
	}

	/**
	 * Sends a request, rebalances until the front moves, waits until the old front's idle
	 * connection is closed (which must spare the connection the ping opened), sends a
	 * request and returns how many connections the new front accepted from the rebalance
	 * on. (Only the first request counts: a client that sends the next one the instant
	 * the last answer ends may open a second connection of its own, before the first is
	 * back in its pool.)
	 */
	private int acceptedByNewFrontAfterRebalance(String library, Supplier<String> call) {
		CountingBackend oldFront = backendNamed(call.get());
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
		// The JDK client cannot close one host's idle connections.
		if (!library.equals("jdk")) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(oldFront.openConnections()).isZero());
		}
		assertThat(call.get()).isEqualTo(other.name());
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
