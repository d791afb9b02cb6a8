package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The servers at the front of a manager's list that share its requests, each with its
 * share. With the seed's selections it is the front server alone, taking every request;
 * an aperture selection spreads a client's requests over a few servers so that every
 * server of the ring carries the same load.
 * <p>
 * Immutable; the manager publishes a new one with each list.
 *
 * @param <S> the server type
 */
public final class Aperture<S> {

	private static final Aperture<?> EMPTY = new Aperture<>(List.of(), new double[0]);

	private final List<S> servers;

	private final double[] shares;

	/** Running sums of the shares, the last one 1. */
	private final double[] cumulative;

	private Aperture(List<S> servers, double[] shares) {
		this.servers = servers;
		this.shares = shares;
		this.cumulative = new double[shares.length];
		double sum = 0;
		for (int i = 0; i < shares.length; i++) {
			sum += shares[i];
			this.cumulative[i] = sum;
		}
	}

	@SuppressWarnings("unchecked")
	static <S> Aperture<S> empty() {
		return (Aperture<S>) EMPTY;
	}

	/**
	 * Returns the seed's aperture of a list: its front alone.
	 * @param servers the list, front first
	 */
	static <S> Aperture<S> front(List<S> servers) {
		return servers.isEmpty() ? empty() : new Aperture<>(List.of(servers.get(0)), new double[] { 1.0 });
	}

	/**
	 * Takes the aperture from the head of a list: the leading servers that have a share
	 * in {@code sharesByKey}. What is missing to {@code total} (the shares of servers
	 * that left the aperture) is split equally among those that stay, so that none of
	 * them takes more than its neighbours of the lost load. When at most one server of
	 * the head has a share the front takes every request.
	 * @param servers the list, front first
	 * @param sharesByKey the shares of the servers still in the aperture, by key
	 * @param total what the shares of the whole aperture added up to, lost ones included
	 * @param key the servers' identity
	 */
	static <S> Aperture<S> of(List<S> servers, Map<String, Double> sharesByKey, double total,
			Function<? super S, String> key) {
		if (servers.isEmpty()) {
			return empty();
		}
		int size = 0;
		double kept = 0;
		while (size < servers.size()) {
			Double share = sharesByKey.get(key.apply(servers.get(size)));
			if (share == null) {
				break;
			}
			kept += share;
			size++;
		}
		if (size <= 1 || !(total > 0)) {
			return front(servers);
		}
		double whole = Math.max(total, kept);
		double lostEach = (whole - kept) / size;
		double[] shares = new double[size];
		for (int i = 0; i < size; i++) {
			shares[i] = (sharesByKey.get(key.apply(servers.get(i))) + lostEach) / whole;
		}
		return new Aperture<>(List.copyOf(servers.subList(0, size)), shares);
	}

	/**
	 * Returns the servers of the aperture, front first: the head of the manager's list.
	 * @return the servers, empty when the manager has none
	 */
	public List<S> servers() {
		return this.servers;
	}

	/**
	 * Returns the share of requests of each server, in the order of {@link #servers()}.
	 * @return the shares, summing to 1
	 */
	public List<Double> shares() {
		List<Double> list = new ArrayList<>(this.shares.length);
		for (double share : this.shares) {
			list.add(share);
		}
		return List.copyOf(list);
	}

	/**
	 * Returns how many servers share the requests.
	 * @return the size, 1 for a single front, 0 without servers
	 */
	public int size() {
		return this.servers.size();
	}

	/**
	 * Returns the shares by server key, to carry over to the next list.
	 */
	Map<String, Double> sharesByKey(Function<? super S, String> key) {
		Map<String, Double> byKey = new LinkedHashMap<>(this.shares.length * 2);
		for (int i = 0; i < this.shares.length; i++) {
			byKey.put(key.apply(this.servers.get(i)), this.shares[i]);
		}
		return byKey;
	}

	/**
	 * Returns the index of the server that a point of {@code [0, 1)} falls on, each
	 * server owning an interval as long as its share.
	 */
	int indexAt(double point) {
		int index = Arrays.binarySearch(this.cumulative, point);
		index = (index >= 0) ? index + 1 : -index - 1;
		return Math.min(index, this.servers.size() - 1);
	}

	@Override
	public String toString() {
		return "Aperture" + this.servers + " " + Arrays.toString(this.shares);
	}

}
