package io.github.servermanager.connection;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients built from Spring Boot's builders against servers that never close an idle
 * connection: once the front moves, the client's connection to the old front is closed,
 * counted on the server's side.
 */
class IdleConnectionClosingIntegrationTests extends CountingBackendsTests {

	@Test
	void webClientOnReactorNettyClosesItsConnectionToTheOldFront() {
		this.client = startClient();
		assertOldFrontConnectionClosed(webClientCall());
	}

	@Test
	void webClientOnApacheHttpClientClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.reactive.connector=http-components");
		assertThat(this.client.getBean(ClientHttpConnector.class))
			.isInstanceOf(HttpComponentsClientHttpConnector.class);
		assertOldFrontConnectionClosed(webClientCall());
	}

	@Test
	void webClientOnJettyClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.reactive.connector=jetty");
		assertThat(this.client.getBean(ClientHttpConnector.class)).isInstanceOf(JettyClientHttpConnector.class);
		assertOldFrontConnectionClosed(webClientCall());
	}

	@Test
	void restClientOnApacheHttpClientClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.imperative.factory=http-components");
		assertOldFrontConnectionClosed(restClientCall());
	}

	@Test
	void restClientOnReactorNettyClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.imperative.factory=reactor");
		assertOldFrontConnectionClosed(restClientCall());
	}

	@Test
	void restClientOnJettyClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.imperative.factory=jetty");
		assertThat(this.client.getBean(ClientHttpRequestFactoryBuilder.class))
			.isInstanceOf(JettyClientHttpRequestFactoryBuilder.class);
		assertOldFrontConnectionClosed(restClientCall());
	}

	@Test
	void restTemplateOnApacheHttpClientClosesItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.imperative.factory=http-components");
		RestTemplate restTemplate = this.client.getBean(RestTemplate.class);
		assertOldFrontConnectionClosed(() -> restTemplate.getForObject("http://" + SERVICE + "/whoami", String.class));
	}

	@Test
	void serviceThatOptedOutKeepsItsConnectionToTheOldFront() {
		this.client = startClient("spring.http.clients.imperative.factory=http-components",
				"server-manager.services." + SERVICE + ".close-idle-connections=false");
		Supplier<String> call = restClientCall();
		CountingBackend oldFront = rotateAfterOneRequest(call);
		call.get();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(oldFront.openConnections()).isEqualTo(1));
	}

	private Supplier<String> webClientCall() {
		WebClient webClient = this.client.getBean(WebClient.Builder.class).build();
		return () -> webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	private Supplier<String> restClientCall() {
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		return () -> restClient.get().uri("http://" + SERVICE + "/whoami").retrieve().body(String.class);
	}

	private void assertOldFrontConnectionClosed(Supplier<String> call) {
		CountingBackend oldFront = rotateAfterOneRequest(call);
		CountingBackend newFront = backendNamed(call.get());
		assertThat(newFront).isNotSameAs(oldFront);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(oldFront.openConnections()).as("connections to the old front").isZero());
		int accepted = newFront.acceptedConnections();
		assertThat(newFront.openConnections()).as("connections to the new front").isEqualTo(1);
		assertThat(call.get()).isEqualTo(newFront.name());
		assertThat(newFront.openConnections()).as("connections to the new front").isEqualTo(1);
		assertThat(newFront.acceptedConnections()).as("connections the new front accepted").isEqualTo(accepted);
	}

	/** Sends one request, checks the front holds its connection, then moves the front. */
	private CountingBackend rotateAfterOneRequest(Supplier<String> call) {
		CountingBackend front = backendNamed(call.get());
		assertThat(front.openConnections()).isEqualTo(1);
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		ServiceInstance now = service.rotateFront();
		assertThat(now).isNotNull();
		assertThat(now.getPort()).isNotEqualTo(front.port());
		return front;
	}

	private ConfigurableApplicationContext startClient(String... properties) {
		return ConnectionsClientApplication.start(this.backends, properties);
	}

}
