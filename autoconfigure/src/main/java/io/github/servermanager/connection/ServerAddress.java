package io.github.servermanager.connection;

import java.util.Objects;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where a client connects to reach a server: the host as written in the request URI and
 * the port. Connection pools key their connections the same way.
 *
 * @param host the host name or address literal
 * @param port the port
 */
public record ServerAddress(String host, int port) {

	public ServerAddress {
		Objects.requireNonNull(host, "host must not be null");
	}

	/**
	 * Returns the address a load-balanced request to {@code instance} goes to.
	 * @param instance the instance
	 * @return its address
	 */
	public static ServerAddress of(ServiceInstance instance) {
		return new ServerAddress(instance.getHost(), instance.getPort());
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
