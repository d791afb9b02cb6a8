package io.github.servermanager.connection;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The servers one HTTP client sent requests to, and when it last sent to each, as its
 * library reports every request. This is how a ping finds the client that calls a service
 * when the application has several: the ping goes through the client that sent to that
 * service's servers last, so that the connection it opens is the one that client reuses.
 * <p>
 * Spring Boot builds a client in two steps on one thread: the library's client (where the
 * starter installs the hook that reports requests), then the request factory or connector
 * around it (which the starter captures). The record made in the first step is handed to
 * the second through this thread.
 */
public final class SentRequests {

	/** More servers than a client of a handful of services calls; past it, start over. */
	private static final int MAX_SERVERS = 1024;

	private static final ThreadLocal<@Nullable SentRequests> building = new ThreadLocal<>();

	private final Map<ServerAddress, Long> lastSentAt = new ConcurrentHashMap<>();

	private SentRequests() {
	}

	/**
	 * Starts the record of the client being built on this thread; its request factory or
	 * connector takes it when captured.
	 * @return the record for the library's hook to fill
	 */
	static SentRequests forClientBeingBuilt() {
		SentRequests sent = new SentRequests();
		building.set(sent);
		return sent;
	}

	/**
	 * Says that the client being built on this thread has no hook that reports requests,
	 * so that it is not given the record of another.
	 */
	static void clientBeingBuiltIsNotObserved() {
		building.remove();
	}

	/**
	 * Takes the record of the client just built on this thread.
	 * @return the record, or {@code null} when its library reports no requests
	 */
	static @Nullable SentRequests takeForClientBuilt() {
		SentRequests sent = building.get();
		building.remove();
		return sent;
	}

	/**
	 * Records a request to the host and port of a URI.
	 * @param uri the request URI
	 */
	void sent(URI uri) {
		int port = uri.getPort();
		if (port < 0) {
			port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		}
		sent(uri.getHost(), port);
	}

	/**
	 * Records a request to a host and port.
	 * @param host the host as the request names it
	 * @param port the port
	 */
	void sent(@Nullable String host, int port) {
		if (host == null) {
			return;
		}
		if (this.lastSentAt.size() >= MAX_SERVERS) {
			this.lastSentAt.clear();
		}
		this.lastSentAt.put(normalized(host, port), System.nanoTime());
	}

	/**
	 * Returns when this client last sent a request to any of the servers.
	 * @param servers the servers of one service
	 * @return the {@link System#nanoTime()} of the last request, or empty when it sent
	 * none to them
	 */
	OptionalLong lastSentToAny(Collection<ServerAddress> servers) {
		OptionalLong last = OptionalLong.empty();
		for (ServerAddress server : servers) {
			Long at = this.lastSentAt.get(normalized(server.host(), server.port()));
			if (at != null && (last.isEmpty() || at - last.getAsLong() > 0)) {
				last = OptionalLong.of(at);
			}
		}
		return last;
	}

	/** Host names compare without case, and an IPv6 literal with or without brackets. */
	private static ServerAddress normalized(String host, int port) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return new ServerAddress(bare.toLowerCase(Locale.ROOT), port);
	}

}
