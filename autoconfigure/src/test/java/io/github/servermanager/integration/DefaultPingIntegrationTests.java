package io.github.servermanager.integration;

import java.io.IOException;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ping a user gets without configuring it, against backends as they are deployed: one
 * that is not a Spring Boot application (no health endpoint), and one whose management
 * endpoints live on a port of their own that discovery announces.
 */
class DefaultPingIntegrationTests {

	private Backends backends;

	private Backend management;

	private ConfigurableApplicationContext client;

	@BeforeEach
	void start() throws IOException {
		this.backends = Backends.start(2);
		this.management = Backend.start("management");
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.management.close();
		this.backends.close();
	}

	@Test
	void backendWithoutAHealthEndpointIsAliveUnderTheDefaultPing() {
		ManagedService service = managed("server-manager.health-path=/no-health-endpoint-here");
		assertThat(service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(service.manager().isOffline()).isFalse();
	}

	@Test
	void strictPingStillWantsA2xx() {
		ManagedService service = managed("server-manager.health-path=/no-health-endpoint-here",
				"server-manager.ping=http-health");
		assertThat(service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.OFFLINE);
	}

	@Test
	void backendWhoseHealthIsDownIsSkipped() {
		this.backends.named("s1").healthy(false);
		ManagedService service = managed();
		service.rebalanceNow();
		assertThat(service.manager().servers().get(0).getInstanceId()).isEqualTo("s2");
	}

	@Test
	void managementPortAnnouncedInTheMetadataIsPinged() {
		this.management.healthy(false);
		ManagedService service = managed(managementPort(0), managementPort(1));
		assertThat(service.rebalanceNow().outcome()).as("the management port answers 503")
			.isEqualTo(RebalanceOutcome.OFFLINE);
		assertThat(this.management.pings()).isEqualTo(2);
		assertThat(this.backends.all()).allSatisfy((backend) -> assertThat(backend.pings()).isZero());
	}

	@Test
	void configuredMetadataKeyNamesThePingPort() {
		ManagedService service = managed("server-manager.ping-port-metadata-key=admin-port",
				"spring.cloud.discovery.client.simple.instances.backend[0].metadata.admin-port="
						+ this.management.port(),
				"spring.cloud.discovery.client.simple.instances.backend[1].metadata.admin-port="
						+ this.management.port());
		assertThat(service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(this.management.pings()).isEqualTo(1);
	}

	private String managementPort(int index) {
		return "spring.cloud.discovery.client.simple.instances.backend[" + index + "].metadata.management.port="
				+ this.management.port();
	}

	private ManagedService managed(String... properties) {
		String[] all = new String[properties.length + 1];
		all[0] = "server-manager.scheduling.enabled=false";
		System.arraycopy(properties, 0, all, 1, properties.length);
		this.client = ClientApplication.start(this.backends, all);
		this.client.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri("http://" + ClientApplication.SERVICE + "/whoami")
			.retrieve()
			.body(String.class);
		return this.client.getBean(ServerManagerRegistry.class).find(ClientApplication.SERVICE).orElseThrow();
	}

}
