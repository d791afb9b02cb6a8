package io.github.servermanager.ping;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import io.github.servermanager.core.Pinger;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Pings an instance by opening a TCP connection to its port and closing it again: for
 * services with no HTTP health endpoint. It proves the port accepts connections, not that
 * the service behind it works.
 */
public final class TcpPinger implements Pinger<ServiceInstance> {

	private final int timeoutMillis;

	/**
	 * Creates a pinger.
	 * @param timeout how long a connection may take
	 */
	public TcpPinger(Duration timeout) {
		this.timeoutMillis = (int) Math.max(1,
				Math.min(Integer.MAX_VALUE, PingTimeouts.requirePositive(timeout).toMillis()));
	}

	@Override
	public boolean ping(ServiceInstance instance) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(instance.getHost(), instance.getPort()), this.timeoutMillis);
			return true;
		}
	}

}
