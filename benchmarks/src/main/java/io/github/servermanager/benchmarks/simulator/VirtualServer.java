package io.github.servermanager.benchmarks.simulator;

/**
 * A server in the simulation. The index lets the simulator count per server in plain
 * arrays; the id is the key the managers tell servers apart by.
 *
 * @param index position in the scenario's list of servers, from 0
 * @param id the server's key
 */
public record VirtualServer(int index, String id) {

	/**
	 * Returns the key a {@link io.github.servermanager.core.ServerManager} identifies
	 * this server by.
	 * @param server the server
	 * @return its id
	 */
	public static String key(VirtualServer server) {
		return server.id();
	}

}
