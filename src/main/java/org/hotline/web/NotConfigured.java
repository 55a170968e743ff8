package org.hotline.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;

/**
 * Stand-ins for a server that has not passed its customer directory or agent desk to the router:
 * every use answers 503 ("not configured") rather than pretending that nothing exists.
 */
final class NotConfigured {

    static final CustomerDirectory CUSTOMERS = new CustomerDirectory() {
        @Override
        public Optional<CustomerView> findByPhone(String number) {
            throw missing("customer directory");
        }

        @Override
        public Optional<CustomerView> find(String id) {
            throw missing("customer directory");
        }

        @Override
        public void save(Customer customer) {
            throw missing("customer directory");
        }

        @Override
        public void record(String customerId, Interaction interaction) {
            throw missing("customer directory");
        }

        @Override
        public List<Interaction> history(String customerId, int limit) {
            throw missing("customer directory");
        }
    };

    static final AgentDesk DESK = new AgentDesk() {
        @Override
        public Optional<String> currentCustomerOf(String agentId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> agentOfCall(String callId) {
            return Optional.empty();
        }

        @Override
        public CallRecord dispose(String callId, Disposition disposition) {
            throw missing("agent desk");
        }

        @Override
        public CompletableFuture<Void> monitor(String callId, MonitorMode mode, String phone) {
            throw missing("agent desk");
        }
    };

    private NotConfigured() {
    }

    private static UncheckedIOException missing(String what) {
        return new UncheckedIOException(new IOException(what + " not configured in this server"));
    }
}
