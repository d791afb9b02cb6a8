package io.github.servermanager.integration;

import java.time.Duration;
import java.util.Map;

import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A server that hangs, behind a {@code @LoadBalanced WebClient}: the README's advice to
 * time out in the connector, not with Reactor's {@code timeout()}, checked against a real
 * server that accepts requests and never answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientTimeoutIntegrationTests {

	private static final String SERVICE = "backend";

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private Backends backends;

	private ConfigurableApplicationContext client;

	@BeforeAll
	void start() throws Exception {
		this.backends = Backends.start(3);
		Map<String, Object> properties = this.backends.discoveryProperties(SERVICE);
		properties.put("spring.application.name", "client");
		properties.put("spring.main.banner-mode", "off");
		properties.put("server-manager.ping", "none");
		this.client = new SpringApplicationBuilder(TimeoutClientApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	@AfterEach
	void restore() throws Exception {
		this.backends.restore();
	}

	@AfterAll
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.backends.close();
	}

	@Test
	void connectorResponseTimeoutRotatesAHangingServerAway() {
		WebClient webClient = builder("responseTimeoutWebClientBuilder").build();
		Backend front = this.backends.named(whoami(webClient));
		front.hang(true);

		assertThatException().isThrownBy(() -> whoami(webClient));

		assertThat(whoami(webClient)).isNotEqualTo(front.name());
	}

	@Test
	void reactorTimeoutCancelsTheRequestAndLeavesTheHangingServerInFront() {
		WebClient webClient = builder("plainWebClientBuilder").build();
		Backend front = this.backends.named(whoami(webClient));
		front.hang(true);

		// The cancellation never reaches the load balancer's lifecycles: nothing rotates.
		assertThatException().isThrownBy(() -> webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.timeout(TIMEOUT)
			.block());

		front.hang(false);
		assertThat(whoami(webClient)).isEqualTo(front.name());
	}

	private WebClient.Builder builder(String name) {
		return this.client.getBean(name, WebClient.Builder.class);
	}

	private static String whoami(WebClient webClient) {
		return webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TimeoutClientApplication {

		@Bean
		@LoadBalanced
		WebClient.Builder plainWebClientBuilder() {
			return WebClient.builder();
		}

		@Bean
		@LoadBalanced
		WebClient.Builder responseTimeoutWebClientBuilder() {
			HttpClient httpClient = HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis())
				.responseTimeout(TIMEOUT);
			return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient));
		}

	}

}
