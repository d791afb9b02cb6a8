package io.github.servermanager.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.util.StringUtils;

/**
 * Recognizes this application's own instance among those discovery lists. The
 * {@link Registration} of a service registry (Eureka, Consul, Zookeeper, Kubernetes) says
 * exactly who we are; without one, an instance on this machine at this application's web
 * server port is taken to be us.
 */
public class LocalInstance implements Predicate<ServiceInstance> {

	private final Supplier<@Nullable Registration> registration;

	private final IntSupplier localPort;

	/**
	 * Creates a matcher.
	 * @param registration this application's registration, or {@code null} when it has
	 * none
	 * @param localPort the port this application's web server listens on, 0 or less when
	 * unknown
	 */
	public LocalInstance(Supplier<@Nullable Registration> registration, IntSupplier localPort) {
		this.registration = Objects.requireNonNull(registration, "registration must not be null");
		this.localPort = Objects.requireNonNull(localPort, "localPort must not be null");
	}

	@Override
	public boolean test(ServiceInstance instance) {
		Registration own = this.registration.get();
		if (own != null) {
			if (StringUtils.hasText(own.getInstanceId()) && StringUtils.hasText(instance.getInstanceId())) {
				return own.getInstanceId().equals(instance.getInstanceId());
			}
			return own.getPort() == instance.getPort() && own.getHost().equalsIgnoreCase(instance.getHost());
		}
		int port = this.localPort.getAsInt();
		return port > 0 && instance.getPort() == port && isThisMachine(instance.getHost());
	}

	private static boolean isThisMachine(@Nullable String host) {
		if (host == null) {
			return false;
		}
		try {
			InetAddress address = InetAddress.getByName(host);
			return address.isLoopbackAddress() || address.isAnyLocalAddress()
					|| NetworkInterface.getByInetAddress(address) != null;
		}
		catch (UnknownHostException | SocketException ex) {
			return false;
		}
	}

}
