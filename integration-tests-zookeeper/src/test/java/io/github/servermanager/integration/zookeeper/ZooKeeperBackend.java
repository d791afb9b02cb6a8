package io.github.servermanager.integration.zookeeper;

import java.io.IOException;
import java.util.Map;

import io.github.servermanager.testsupport.Backend;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.KillSession;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.UriSpec;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;

/**
 * A loopback HTTP server that registers itself in ZooKeeper as a Spring Cloud Zookeeper
 * application does: an ephemeral Curator service instance under {@code /services}, held
 * by a ZooKeeper session of its own, so that it leaves the registry when it closes or its
 * session ends for good.
 */
final class ZooKeeperBackend implements AutoCloseable {

	private final Backend server;

	private final CuratorFramework curator;

	private final ServiceDiscovery<ZookeeperInstance> discovery;

	private final ServiceInstance<ZookeeperInstance> registration;

	private ZooKeeperBackend(Backend server, CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery,
			ServiceInstance<ZookeeperInstance> registration) {
		this.server = server;
		this.curator = curator;
		this.discovery = discovery;
		this.registration = registration;
	}

	/**
	 * Starts a server and registers it.
	 * @param connectString where ZooKeeper listens
	 * @param serviceId the service it is an instance of
	 * @param instanceId its instance id, also what {@code /whoami} answers
	 * @return the registered server
	 * @throws Exception when it cannot start or register
	 */
	static ZooKeeperBackend start(String connectString, String serviceId, String instanceId) throws Exception {
		Backend server = Backend.start(instanceId);
		CuratorFramework curator = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100));
		curator.start();
		ServiceDiscovery<ZookeeperInstance> discovery = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
			.client(curator)
			.basePath("/services")
			.serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
			.build();
		discovery.start();
		ServiceInstance<ZookeeperInstance> registration = ServiceInstance.<ZookeeperInstance>builder()
			.name(serviceId)
			.id(instanceId)
			.address("127.0.0.1")
			.port(server.port())
			.uriSpec(new UriSpec("{scheme}://{address}:{port}"))
			.payload(new ZookeeperInstance(instanceId, serviceId, Map.of()))
			.build();
		discovery.registerService(registration);
		return new ZooKeeperBackend(server, curator, discovery, registration);
	}

	String instanceId() {
		return this.registration.getId();
	}

	/**
	 * Stops answering (connections are refused) while staying registered, as a server
	 * that hangs or crashed before its session timed out.
	 */
	void stopServing() {
		this.server.stop();
	}

	/**
	 * Ends the server's ZooKeeper session, as a long pause or a partition does: ZooKeeper
	 * drops its ephemeral registration, and Curator registers it again on a new session.
	 * @throws Exception when the session cannot be killed
	 */
	void expireSession() throws Exception {
		KillSession.kill(this.curator.getZookeeperClient().getZooKeeper());
	}

	/**
	 * Deregisters and stops, as a graceful shutdown does.
	 */
	@Override
	public void close() throws IOException {
		try {
			this.discovery.unregisterService(this.registration);
		}
		catch (Exception ex) {
			throw new IOException("Could not deregister " + instanceId(), ex);
		}
		finally {
			this.discovery.close();
			this.curator.close();
			this.server.stop();
		}
	}

	@Override
	public String toString() {
		return instanceId();
	}

}
