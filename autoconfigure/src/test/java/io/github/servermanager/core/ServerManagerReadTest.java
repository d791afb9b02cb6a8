package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lock-free reads: {@code findServer}, {@code servers}, {@code numServers} and
 * {@code checkServers}.
 */
class ServerManagerReadTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	@Test
	void findServerReturnsTheFront() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(), List.of(this.a, this.b));
		assertThat(manager.findServer()).isSameAs(this.a);
	}

	@Test
	void findServerReturnsNullWhenThereAreNoServers() {
		ServerManager<TestServer> manager = TestServer.builder().build();
		assertThat(manager.findServer()).isNull();
		assertThat(manager.findServer()).isNull();
	}

	@Test
	void findServerReturnsAServerAgainOnceOneIsAdded() {
		ServerManager<TestServer> manager = TestServer.builder().build();
		assertThat(manager.findServer()).isNull();
		manager.addServer(this.a);
		assertThat(manager.findServer()).isSameAs(this.a);
	}

	@Test
	void numServersCountsEveryServer() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder().pinger((server) -> false),
				List.of(this.a, this.b, this.c));
		manager.rebalance();
		assertThat(manager.numServers()).isEqualTo(3);
	}

	@Test
	void serversOfANewManagerIsEmpty() {
		assertThat(TestServer.builder().build().servers()).isEmpty();
	}

	@Test
	void serversListsTheFrontFirst() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(), List.of(this.a, this.b));
		manager.notifyFailedServer(this.a);
		assertThat(manager.servers()).containsExactly(this.b, this.a);
	}

	@Test
	void serversCannotBeModified() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(), List.of(this.a, this.b));
		List<TestServer> servers = manager.servers();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> servers.add(this.c));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> servers.set(0, this.c));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> servers.remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(servers::clear);
		assertThat(manager.servers()).containsExactly(this.a, this.b);
	}

	@Test
	void serversOfAnEmptyManagerCannotBeModified() {
		List<TestServer> servers = TestServer.builder().build().servers();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> servers.add(this.a));
	}

	@Test
	void checkServersVisitsEveryServerFrontFirst() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(),
				List.of(this.a, this.b, this.c));
		List<TestServer> visited = new ArrayList<>();
		manager.checkServers((server) -> visited.add(server));
		assertThat(visited).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void checkServersStopsAtTheFirstFalse() {
		ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(),
				List.of(this.a, this.b, this.c));
		List<TestServer> visited = new ArrayList<>();
		manager.checkServers((server) -> {
			visited.add(server);
			return !server.equals(this.b);
		});
		assertThat(visited).containsExactly(this.a, this.b);
	}

	@Test
	void checkServersOnAnEmptyManagerCallsNothing() {
		List<TestServer> visited = new ArrayList<>();
		TestServer.builder().build().checkServers(visited::add);
		assertThat(visited).isEmpty();
	}

}
