package io.github.servermanager.connections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients built from Spring Boot's builders, against servers that never close an idle
 * connection themselves: once the front moves, the connection to the former front is
 * closed by the client library's own idle bound, counted on the server's side, while the
 * new front keeps the one connection its requests reuse.
 */
class IdleConnectionBoundIntegrationTests {

	private static final String SERVICE = "backend";

	/** Short, so that the test is quick; requests come far more often than this. */
	private static final String MAX_IDLE = "server-manager.connection-max-idle-time=1s";

	private final List<CountingBackend> backends = new ArrayList<>();

	private ConfigurableApplicationContext client;

	@BeforeEach
	void startBackends() {
		this.backends.add(CountingBackend.start("s1"));
		this.backends.add(CountingBackend.start("s2"));
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.backends.forEach(CountingBackend::close);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "reactor", "jetty" })
	void restClientClosesItsIdleConnectionToTheFormerFront(String factory) {
		this.client = startClient(MAX_IDLE, "spring.http.clients.imperative.factory=" + factory);
		assertFormerFrontClosed(restClientCall());
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "http-components", "jetty" })
	void webClientClosesItsIdleConnectionToTheFormerFront(String connector) {
		this.client = startClient(MAX_IDLE, "spring.http.clients.reactive.connector=" + connector);
		assertFormerFrontClosed(webClientCall());
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "reactor" })
	void zeroLeavesTheLibrarysOwnSetting(String factory) {
		this.client = startClient("server-manager.connection-max-idle-time=0",
				"spring.http.clients.imperative.factory=" + factory);
		Supplier<String> call = restClientCall();
		CountingBackend formerFront = moveFrontAfterOneRequest(call);
		call.get();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(formerFront.openConnections()).isEqualTo(1));
	}

	private void assertFormerFrontClosed(Supplier<String> call) {
		CountingBackend formerFront = moveFrontAfterOneRequest(call);
		CountingBackend newFront = backendNamed(call.get());
		assertThat(newFront).isNotSameAs(formerFront);
		int accepted = newFront.acceptedConnections();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			// Requests far more often than the bound keep the front's connection alive.
			assertThat(call.get()).isEqualTo(newFront.name());
			assertThat(formerFront.openConnections()).as("connections to the former front").isZero();
		});
		assertThat(newFront.openConnections()).as("connections to the new front").isEqualTo(1);
		assertThat(newFront.acceptedConnections()).as("connections the new front accepted").isEqualTo(accepted);
	}

	private CountingBackend moveFrontAfterOneRequest(Supplier<String> call) {
		CountingBackend front = backendNamed(call.get());
		assertThat(front.openConnections()).isEqualTo(1);
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		ServiceInstance now = service.rotateFront();
		assertThat(now).isNotNull();
		assertThat(now.getPort()).isNotEqualTo(front.port());
		return front;
	}

	private Supplier<String> restClientCall() {
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		return () -> restClient.get().uri("http://" + SERVICE + "/whoami").retrieve().body(String.class);
	}

	private Supplier<String> webClientCall() {
		WebClient webClient = this.client.getBean(WebClient.Builder.class).build();
		return () -> webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	private CountingBackend backendNamed(String name) {
		return this.backends.stream().filter((backend) -> backend.name().equals(name)).findFirst().orElseThrow();
	}

	private ConfigurableApplicationContext startClient(String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (int i = 0; i < this.backends.size(); i++) {
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].";
			defaults.put(prefix + "uri", this.backends.get(i).uri());
			defaults.put(prefix + "instance-id", this.backends.get(i).name());
		}
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		// Only the test moves the front.
		defaults.put("server-manager.ping", "none");
		defaults.put("server-manager.cluster-size", "1");
		defaults.put("server-manager.membership-refresh", "10m");
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
			return configurer.configure(RestClient.builder());
		}

		@Bean
		@LoadBalanced
		WebClient.Builder loadBalancedWebClientBuilder(ObjectProvider<WebClientCustomizer> customizers) {
			WebClient.Builder builder = WebClient.builder();
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder;
		}

	}

}
