package io.github.servermanager.core;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of the README's "Core API" section, as it is printed there.
 */
class ServerManagerExampleTest {

	record Server(String id, String url) {
	}

	@Test
	void readmeExampleBehavesAsDescribed() {
		// README example begins
		ServerManager<Server> manager = ServerManager.builder(Server::id)
			// false or an exception means unhealthy
			.pinger((server) -> !server.id().equals("b"))
			// how many clients share these servers
			.clusterSize(() -> 100_000)
			.build();
		manager.syncServers(List.of(new Server("a", "http://10.0.0.1:8080"), new Server("b", "http://10.0.0.2:8080")));
		// the server to talk to
		Server front = manager.findServer();
		// it failed: the other one takes over at once
		manager.notifyFailedServer(front);
		Server takeover = manager.findServer();
		// shuffle, ping from the front, reconcile: "a" ends in front, "b" fails its ping
		RebalanceResult<Server> result = manager.rebalance();
		// max(120 s + up to 60 s, 100,000 clients / (2 servers x 64 per s)) = 781.25 s
		Duration next = manager.nextRebalanceDelay();
		// README example ends
		assertThat(takeover).isNotEqualTo(front);
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(result.chosen()).isEqualTo(new Server("a", "http://10.0.0.1:8080"));
		assertThat(manager.servers()).extracting(Server::id).containsExactly("a", "b");
		assertThat(next).isEqualTo(Duration.ofMillis(781_250));
	}

}
