package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings of one service. {@link ServerManagerProperties} holds the defaults of
 * every service under {@code server-manager.*}; {@code server-manager.services.<id>.*} is
 * bound onto a copy of those defaults, so a service's entry holds only what differs.
 */
public class ServiceProperties {

	/**
	 * Whether the server manager replaces Spring Cloud LoadBalancer's round robin. When
	 * false globally, nothing of this starter is configured; per service, that service
	 * keeps Spring's round robin.
	 */
	private boolean enabled = true;

	/**
	 * Forces the secure flag of the instances (https pings and URIs), whatever discovery
	 * reports. Unset: discovery's flag stands.
	 */
	private @Nullable Boolean secure;

	/**
	 * Shortest time a server stays in front between two rebalances (Consul's
	 * clientRPCMinReuseDuration).
	 */
	private Duration minReuse = Duration.ofMinutes(2);

	/**
	 * New connections per second that rebalancing may open to each server, across all
	 * clients of the cluster; a rebalance counts the ping's connection and the one its
	 * requests then use. Large clusters rebalance less often to stay under it.
	 */
	private int connsPerSecPerServer = 64;

	/**
	 * How many clients share the servers: 'auto' counts every instance in discovery, of
	 * all services (distinct host:port, like Consul's node count), 'self' counts the
	 * instances of this application's spring.application.name, or a positive number.
	 */
	private ClusterSize clusterSize = ClusterSize.AUTO;

	/**
	 * How a rebalance checks a server before putting it in front: 'http' (GET of the
	 * health path: any answer but a 5xx is alive), 'http-health' (only a 2xx is alive),
	 * 'tcp' (connect) or 'none'. A Pinger bean replaces all of them.
	 */
	private PingKind ping = PingKind.HTTP;

	/**
	 * Path that the HTTP pings request, unless the instance's metadata announces one
	 * ('health.path' or 'management.context-path'). Must start with '/'.
	 */
	private String healthPath = "/actuator/health";

	/**
	 * Instance metadata key whose value is the port the HTTP pings go to (Eureka
	 * announces a separate management port as 'management.port'). Instances without it
	 * are pinged on their own port.
	 */
	private String pingPortMetadataKey = "management.port";

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material and options the
	 * HTTP pings of secure instances use. Unset: the JVM's defaults.
	 */
	private @Nullable String sslBundle;

	/**
	 * Time allowed for a whole ping, from connect to answer; also how long requests wait
	 * for the failover check.
	 */
	private Duration pingTimeout = Duration.ofSeconds(1);

	/**
	 * HTTP statuses that count as a failure of the server that answered, and move it to
	 * the end of the list. Each between 100 and 599.
	 */
	private List<Integer> failureStatuses = new ArrayList<>(List.of(502, 503, 504));

	/**
	 * How often membership is pulled from discovery. Discovery heartbeat events trigger a
	 * pull at once as well.
	 */
	private Duration membershipRefresh = Duration.ofSeconds(30);

	/**
	 * How each client picks its front servers at a rebalance: 'aperture' (a slice of the
	 * servers sized by the client's rank among its application's instances in discovery,
	 * so that every server carries the same load at any number of clients and servers;
	 * 'random' while the rank is unknown) or 'random' (the seed's shuffle: one front).
	 */
	private FrontSelectionMode frontSelection = FrontSelectionMode.APERTURE;

	/**
	 * Zones to fail over to when no server of the local zone answers, nearest first.
	 * Zones not listed come after them.
	 */
	private List<String> zoneFailoverOrder = new ArrayList<>();

	/**
	 * Whether the server a failure put in front is pinged at once, moving on down the
	 * list while servers do not answer, with requests that arrive meanwhile waiting for
	 * the answer (at most ping-timeout). False keeps Consul's behaviour: the next server
	 * is trusted until the next rebalance.
	 */
	private boolean failoverCheck = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Boolean getSecure() {
		return this.secure;
	}

	public void setSecure(@Nullable Boolean secure) {
		this.secure = secure;
	}

	public Duration getMinReuse() {
		return this.minReuse;
	}

	public void setMinReuse(Duration minReuse) {
		this.minReuse = minReuse;
	}

	public int getConnsPerSecPerServer() {
		return this.connsPerSecPerServer;
	}

	public void setConnsPerSecPerServer(int connsPerSecPerServer) {
		this.connsPerSecPerServer = connsPerSecPerServer;
	}

	public ClusterSize getClusterSize() {
		return this.clusterSize;
	}

	public void setClusterSize(ClusterSize clusterSize) {
		this.clusterSize = clusterSize;
	}

	public PingKind getPing() {
		return this.ping;
	}

	public void setPing(PingKind ping) {
		this.ping = ping;
	}

	public String getHealthPath() {
		return this.healthPath;
	}

	public void setHealthPath(String healthPath) {
		this.healthPath = healthPath;
	}

	public String getPingPortMetadataKey() {
		return this.pingPortMetadataKey;
	}

	public void setPingPortMetadataKey(String pingPortMetadataKey) {
		this.pingPortMetadataKey = pingPortMetadataKey;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public List<Integer> getFailureStatuses() {
		return this.failureStatuses;
	}

	public void setFailureStatuses(List<Integer> failureStatuses) {
		this.failureStatuses = failureStatuses;
	}

	public Duration getMembershipRefresh() {
		return this.membershipRefresh;
	}

	public void setMembershipRefresh(Duration membershipRefresh) {
		this.membershipRefresh = membershipRefresh;
	}

	public FrontSelectionMode getFrontSelection() {
		return this.frontSelection;
	}

	public void setFrontSelection(FrontSelectionMode frontSelection) {
		this.frontSelection = frontSelection;
	}

	public List<String> getZoneFailoverOrder() {
		return this.zoneFailoverOrder;
	}

	public void setZoneFailoverOrder(List<String> zoneFailoverOrder) {
		this.zoneFailoverOrder = zoneFailoverOrder;
	}

	public boolean isFailoverCheck() {
		return this.failoverCheck;
	}

	public void setFailoverCheck(boolean failoverCheck) {
		this.failoverCheck = failoverCheck;
	}

}
