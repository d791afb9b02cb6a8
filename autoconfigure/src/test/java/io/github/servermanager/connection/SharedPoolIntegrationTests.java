package io.github.servermanager.connection;

import java.time.Duration;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications in one JVM whose WebClients share Reactor Netty's global pool, as
 * Spring Boot sets them up by default: when one of them leaves a server that is still the
 * other's front, the shared pool keeps its connection to that server; when neither needs
 * it any more, it closes.
 */
class SharedPoolIntegrationTests extends CountingBackendsTests {

	private ConfigurableApplicationContext other;

	@AfterEach
	void stopOther() {
		if (this.other != null) {
			this.other.close();
		}
	}

	@Test
	void aServerStillInFrontOfAnotherApplicationKeepsItsConnection() {
		this.client = start();
		this.other = start();
		CountingBackend s1 = backendNamed("s1");
		ManagedService leaving = frontOn(this.client, s1);
		ManagedService staying = frontOn(this.other, s1);
		WebClient leavingClient = this.client.getBean(WebClient.Builder.class).build();
		WebClient stayingClient = this.other.getBean(WebClient.Builder.class).build();
		assertThat(call(leavingClient)).isEqualTo("s1");
		assertThat(call(stayingClient)).isEqualTo("s1");
		int accepted = s1.acceptedConnections();
		int open = s1.openConnections();
		assertThat(open).isPositive();

		leaving.rotateFront();
		assertThat(call(leavingClient)).isEqualTo("s2");
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> s1.openConnections() == open);
		assertThat(call(stayingClient)).isEqualTo("s1");
		assertThat(s1.acceptedConnections()).isEqualTo(accepted);

		staying.rotateFront();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s1.openConnections()).isZero());
	}

	private ConfigurableApplicationContext start() {
		return ConnectionsClientApplication.start(this.backends, "spring.http.clients.reactive.connector=reactor");
	}

	/** The application's manager of the service, with {@code server} in front. */
	private static ManagedService frontOn(ConfigurableApplicationContext client, CountingBackend server) {
		ManagedService service = client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseGet(() -> {
			call(client.getBean(WebClient.Builder.class).build());
			return client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		});
		ServiceInstance front = service.manager().findServer();
		if (front != null && front.getPort() != server.port()) {
			service.rotateFront();
		}
		assertThat(service.manager().findServer().getPort()).isEqualTo(server.port());
		return service;
	}

	private static String call(WebClient webClient) {
		return webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(5));
	}

}
