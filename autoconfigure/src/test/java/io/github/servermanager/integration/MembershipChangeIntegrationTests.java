package io.github.servermanager.integration;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servers added to and removed from discovery reach a running client through a discovery
 * heartbeat, without a restart.
 */
class MembershipChangeIntegrationTests {

	private Backends backends;

	private ConfigurableApplicationContext client;

	private RestClient restClient;

	@BeforeEach
	void start() throws Exception {
		this.backends = Backends.start(3);
		this.client = ClientApplication.start(this.backends, "spring.cloud.loadbalancer.retry.enabled=false");
		this.restClient = this.client.getBean(RestClient.Builder.class).build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.backends.close();
	}

	@Test
	void serverRemovedFromDiscoveryIsNoLongerUsed() {
		Backend front = this.backends.named(whoami());
		List<Backend> remaining = new ArrayList<>(this.backends.all());
		remaining.remove(front);
		registerInDiscovery(remaining);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> service().manager().servers().stream().map(ServiceInstanceKeys::keyOf).toList(),
					(keys) -> !keys.contains(front.name()));
		// The removed server still runs: only membership moved the client away.
		assertThat(whoami()).isNotEqualTo(front.name());
		assertThat(front.requests()).isOne();
	}

	@Test
	void serverAddedToDiscoveryIsUsedWithoutRestart() throws Exception {
		whoami();
		try (Backend added = Backend.start("s4")) {
			List<Backend> all = new ArrayList<>(this.backends.all());
			all.add(added);
			registerInDiscovery(all);
			await().atMost(Duration.ofSeconds(5)).until(() -> service().manager().numServers() == 4);
			// Once the three first servers are gone, the added one takes over.
			this.backends.all().forEach(Backend::stop);
			List<String> served = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				try {
					served.add(whoami());
				}
				catch (RuntimeException ex) {
					// Each stopped server fails one request before it is rotated away.
				}
			}
			assertThat(served).isNotEmpty().containsOnly("s4");
		}
	}

	private String whoami() {
		return this.restClient.get()
			.uri("http://" + ClientApplication.SERVICE + "/whoami")
			.retrieve()
			.body(String.class);
	}

	private ManagedService service() {
		return this.client.getBean(ServerManagerRegistry.class).find(ClientApplication.SERVICE).orElseThrow();
	}

	private void registerInDiscovery(List<Backend> servers) {
		SimpleDiscoveryProperties discovery = this.client.getBean(SimpleDiscoveryProperties.class);
		List<InstanceProperties> instances = new ArrayList<>();
		for (Backend server : servers) {
			InstanceProperties instance = new InstanceProperties();
			instance.setUri(URI.create(server.uri()));
			instance.setInstanceId(server.name());
			instance.setServiceId(ClientApplication.SERVICE);
			instances.add(instance);
		}
		Map<String, List<InstanceProperties>> all = new HashMap<>(discovery.getInstances());
		all.put(ClientApplication.SERVICE, instances);
		discovery.setInstances(all);
		this.client.publishEvent(new HeartbeatEvent(this, instances.size()));
	}

}
