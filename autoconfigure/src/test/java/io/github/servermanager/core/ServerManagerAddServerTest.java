package io.github.servermanager.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ServerManagerAddServerTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final ServerManager<TestServer> manager = TestServer.builder().build();

	@Test
	void addServerAppendsANewKeyAtTheEnd() {
		this.manager.addServer(this.a);
		this.manager.addServer(this.b);
		this.manager.addServer(this.c);
		assertThat(this.manager.servers()).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void addServerReplacesAServerWithTheSameKeyInPlace() {
		List.of(this.a, this.b, this.c).forEach(this.manager::addServer);
		TestServer newDetails = this.b.withVersion(2);
		this.manager.addServer(newDetails);
		assertThat(this.manager.servers()).containsExactly(this.a, newDetails, this.c);
		assertThat(this.manager.servers().get(1)).isSameAs(newDetails);
	}

	@Test
	void addServerOfAKnownKeyKeepsTheCount() {
		List.of(this.a, this.b).forEach(this.manager::addServer);
		this.manager.addServer(this.a.withVersion(2));
		assertThat(this.manager.numServers()).isEqualTo(2);
	}

	@Test
	void addServerClearsTheOfflineFlagOfANewManager() {
		assertThat(this.manager.isOffline()).isTrue();
		this.manager.addServer(this.a);
		assertThat(this.manager.isOffline()).isFalse();
	}

	@Test
	void addServerOfAKnownKeyClearsTheOfflineFlagSetByARebalance() {
		ServerManager<TestServer> failing = TestServer.managerWith(TestServer.builder().pinger((server) -> false),
				List.of(this.a));
		failing.rebalance();
		assertThat(failing.isOffline()).isTrue();
		failing.addServer(this.a.withVersion(2));
		assertThat(failing.isOffline()).isFalse();
	}

	@Test
	void addServerNeverChangesAListReturnedBefore() {
		List.of(this.a, this.b).forEach(this.manager::addServer);
		List<TestServer> snapshot = this.manager.servers();
		this.manager.addServer(this.c);
		this.manager.addServer(this.b.withVersion(2));
		assertThat(snapshot).containsExactly(this.a, this.b);
		assertThat(snapshot.get(1)).isSameAs(this.b);
	}

	@Test
	void addServerRejectsNullNamingTheServer() {
		assertThatNullPointerException().isThrownBy(() -> this.manager.addServer(null)).withMessageContaining("server");
		assertThat(this.manager.servers()).isEmpty();
	}

	@Test
	void addServerRejectsAServerWithoutAKeyAndChangesNothing() {
		ServerManager<TestServer> manager = ServerManager
			.<TestServer>builder((server) -> server.name().isEmpty() ? null : server.name())
			.build();
		manager.addServer(this.a);
		List<TestServer> before = manager.servers();
		assertThatIllegalArgumentException().isThrownBy(() -> manager.addServer(named("")))
			.withMessageContaining("key");
		assertThat(manager.servers()).isSameAs(before);
	}

}
