package io.github.servermanager.connection;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a client's record reads the server of each request URL: by scheme, host and port,
 * whatever the path, and again when the next URL names another server.
 */
class SentRequestsTests {

	private final SentRequests sent = SentRequests.takeForClientBuilt();

	@Test
	void aUrlIsRecordedUnderTheServerItsAuthorityNames() {
		this.sent.sent("http://10.0.0.1:8080/orders/42?expand=true");
		assertThat(sentTo(new ServerAddress("10.0.0.1", 8080))).isTrue();
		assertThat(sentTo(new ServerAddress("10.0.0.1", 8081))).isFalse();
	}

	@Test
	void urlsToAnotherServerAfterTheFirstAreRecordedUnderTheirOwn() {
		this.sent.sent("http://10.0.0.1:8080/a");
		this.sent.sent("http://10.0.0.1:8080/b");
		this.sent.sent("http://10.0.0.2:8080/a");
		this.sent.sent("http://10.0.0.1:80800/a");
		assertThat(sentTo(new ServerAddress("10.0.0.2", 8080))).isTrue();
		// Its authority starts with the first URL's: it still names another server.
		assertThat(sentTo(new ServerAddress("10.0.0.1", 80800))).isTrue();
	}

	@Test
	void theSchemesDefaultPortIsUsedWhenTheUrlHasNone() {
		this.sent.sent("https://api.example.org/v1");
		this.sent.sent("http://Other.Example.org?q=1");
		assertThat(sentTo(new ServerAddress("api.example.org", 443))).isTrue();
		assertThat(sentTo(new ServerAddress("other.example.org", 80))).isTrue();
	}

	@Test
	void anIpv6LiteralMatchesWithOrWithoutBrackets() {
		this.sent.sent("http://[::1]:9000#top");
		assertThat(sentTo(new ServerAddress("::1", 9000))).isTrue();
		assertThat(sentTo(new ServerAddress("[::1]", 9000))).isTrue();
	}

	@Test
	void aUrlWithoutAServerIsIgnored() {
		this.sent.sent("/relative/path");
		this.sent.sent("http://bad host:80/");
		this.sent.sent("mailto:someone@example.org");
		assertThat(this.sent.lastSentTo("backend", List.of(new ServerAddress("bad host", 80)))).isEmpty();
	}

	private boolean sentTo(ServerAddress server) {
		return this.sent.lastSentTo("unrelated-service-id", List.of(server)).isPresent();
	}

}
