package io.github.servermanager.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ServerManagerUpdateServersTest {

	private final ServerManager<TestServer> manager = TestServer.managerWith(TestServer.builder(),
			TestServer.named("a", "b", "c"));

	@Test
	void updateServersReplacesEveryServerInPlace() {
		this.manager.updateServers((server) -> server.withVersion(2));
		assertThat(this.manager.servers()).containsExactly(new TestServer("a", 2), new TestServer("b", 2),
				new TestServer("c", 2));
	}

	@Test
	void updateServersRejectsAChangedKeyAndChangesNothing() {
		List<TestServer> before = this.manager.servers();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.manager.updateServers((server) -> server.name().equals("b") ? named("x") : server))
			.withMessageContaining("'b'")
			.withMessageContaining("'x'");
		assertThat(this.manager.servers()).isSameAs(before);
	}

	@Test
	void updateServersRejectsANullServerAndChangesNothing() {
		List<TestServer> before = this.manager.servers();
		assertThatNullPointerException()
			.isThrownBy(() -> this.manager.updateServers((server) -> server.name().equals("c") ? null : server))
			.withMessageContaining("update");
		assertThat(this.manager.servers()).isSameAs(before);
	}

	@Test
	void updateServersNeverChangesAListReturnedBefore() {
		List<TestServer> snapshot = this.manager.servers();
		this.manager.updateServers((server) -> server.withVersion(2));
		assertThat(snapshot).isEqualTo(TestServer.named("a", "b", "c"));
	}

}
