package io.github.servermanager.connection;

import java.time.Duration;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A load-balanced {@code WebClient} from a bare {@code WebClient.builder()}, as the
 * Spring Cloud reference declares it: Spring Boot's builders did not make its connector,
 * but it uses Reactor Netty's global pool, so its connection to the old front is closed
 * too.
 */
class BareBuildersIntegrationTests extends CountingBackendsTests {

	@Test
	void bareWebClientOnReactorNettyClosesItsConnectionToTheOldFront() {
		this.client = ConnectionsClientApplication.start(BareWebClientApplication.class, this.backends);
		WebClient webClient = this.client.getBean(WebClient.Builder.class).build();
		CountingBackend oldFront = backendNamed(call(webClient));
		assertThat(oldFront.openConnections()).isEqualTo(1);
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		ServiceInstance newFront = service.rotateFront();
		assertThat(newFront).isNotNull();
		assertThat(call(webClient)).isEqualTo(newFront.getInstanceId());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(oldFront.openConnections()).as("connections to the old front").isZero());
		assertThat(backendNamed(newFront.getInstanceId()).openConnections()).isEqualTo(1);
	}

	private static String call(WebClient webClient) {
		return webClient.get()
			.uri("http://" + SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BareWebClientApplication {

		@Bean
		@LoadBalanced
		WebClient.Builder loadBalancedWebClientBuilder() {
			return WebClient.builder();
		}

	}

}
