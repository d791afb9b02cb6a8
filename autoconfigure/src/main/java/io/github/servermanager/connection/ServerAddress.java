package io.github.servermanager.connection;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Returns the port a URI names, or its scheme's default when it names none.
	 * @param port the port, -1 when absent
	 * @param scheme the scheme
	 * @return the port to connect to
	 */
	static int portOrDefault(int port, @Nullable String scheme) {
		if (port >= 0) {
			return port;
		}
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	/**
	 * Returns this address written as two clients that name the same server agree on: the
	 * host without case, and an IPv6 literal without brackets.
	 * @return the canonical address
	 */
	ServerAddress canonical() {
		String bare = (this.host.startsWith("[") && this.host.endsWith("]"))
				? this.host.substring(1, this.host.length() - 1) : this.host;
		return new ServerAddress(bare.toLowerCase(Locale.ROOT), this.port);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
