package io.github.servermanager.sample.traffic;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much traffic the sample sends. The interval between ticks is
 * {@code sample.traffic.interval} (default {@code 1s}), read by the scheduler.
 */
@ConfigurationProperties("sample.traffic")
public class TrafficProperties {

	/** Calls per tick through each of the two clients (RestClient and WebClient). */
	private int callsPerClient = 5;

	public int getCallsPerClient() {
		return this.callsPerClient;
	}

	public void setCallsPerClient(int callsPerClient) {
		if (callsPerClient < 1) {
			throw new IllegalArgumentException(
					"sample.traffic.calls-per-client must be 1 or more, was " + callsPerClient);
		}
		this.callsPerClient = callsPerClient;
	}

}
