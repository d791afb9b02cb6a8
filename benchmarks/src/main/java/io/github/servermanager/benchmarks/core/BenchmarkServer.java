package io.github.servermanager.benchmarks.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A server as a discovery client would describe it, identified by its instance id.
 *
 * @param instanceId the key
 * @param host the host
 * @param port the port
 */
public record BenchmarkServer(String instanceId, String host, int port) {

	/**
	 * Returns the key a manager tells servers apart by.
	 * @param server the server
	 * @return its instance id
	 */
	public static String key(BenchmarkServer server) {
		return server.instanceId();
	}

	/**
	 * Returns {@code count} distinct servers.
	 * @param count how many
	 * @return the servers
	 */
	public static List<BenchmarkServer> servers(int count) {
		List<BenchmarkServer> servers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			servers.add(new BenchmarkServer("server-" + i, "10.0." + (i / 256) + "." + (i % 256), 8080));
		}
		return List.copyOf(servers);
	}

}
