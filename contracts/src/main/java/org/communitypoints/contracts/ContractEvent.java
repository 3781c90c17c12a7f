package org.communitypoints.contracts;

/** Every event payload is about one resident; that resident is the Kafka key so their events stay in order. */
public interface ContractEvent {

    String memberId();
}
