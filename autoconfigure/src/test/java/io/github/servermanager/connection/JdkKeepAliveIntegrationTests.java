package io.github.servermanager.connection;

import java.time.Duration;
import java.util.List;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code RestClient} on the JDK's HttpClient, which cannot close one host's
 * connections, against servers that never close an idle connection: the keep-alive the
 * starter sets for the JVM, with no JVM flag, closes the connection to the old front once
 * it has been idle that long.
 * <p>
 * The JDK reads its keep-alive once per JVM, so the build runs this class in a JVM of its
 * own: the tag {@code own-jvm} (see the surefire executions of this module).
 */
@Tag("own-jvm")
class JdkKeepAliveIntegrationTests {

	private static final String SERVICE = "backend";

	private final List<CountingBackend> backends = List.of(CountingBackend.start("s1"), CountingBackend.start("s2"));

	private ConfigurableApplicationContext client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.backends.forEach(CountingBackend::close);
	}

	@Test
	void restClientOnJdkHttpClientLetsGoOfTheOldFrontAfterTheKeepAlive() {
		this.client = startClient();
		assertThat(this.client.getBean(ClientHttpRequestFactoryBuilder.class))
			.isInstanceOf(JdkClientHttpRequestFactoryBuilder.class);
		RestClient restClient = this.client.getBean(RestClient.Builder.class).build();
		CountingBackend oldFront = backendNamed(call(restClient));
		assertThat(oldFront.openConnections()).isEqualTo(1);
		ManagedService service = this.client.getBean(ServerManagerRegistry.class).find(SERVICE).orElseThrow();
		ServiceInstance now = service.rotateFront();
		assertThat(now).isNotNull();
		CountingBackend newFront = backendNamed(call(restClient));
		assertThat(newFront).isNotSameAs(oldFront);
		assertThat(call(restClient)).isEqualTo(newFront.name());
		assertThat(newFront.acceptedConnections()).as("connections the new front accepted for two requests")
			.isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(oldFront.openConnections()).as("connections to the old front").isZero());
		assertThat(System.getProperty("jdk.httpclient.keepalive.timeout")).as("the keep-alive set for the JVM")
			.isEqualTo("1");
	}

	private static String call(RestClient restClient) {
		return restClient.get().uri("http://" + SERVICE + "/whoami").retrieve().body(String.class);
	}

	private CountingBackend backendNamed(String name) {
		return this.backends.stream().filter((backend) -> backend.name().equals(name)).findFirst().orElseThrow();
	}

	private ConfigurableApplicationContext startClient() {
		return ConnectionsClientApplication.start(this.backends, "spring.http.clients.imperative.factory=jdk",
				"server-manager.jdk-http-client.keep-alive-timeout=1s");
	}

}
