// Package faults holds the distributed mode's fault tests: they start
// private redis-server (and later nats-server) processes on loopback,
// break them (stop, hang, restart) and check what the gateway does,
// printing the figures. The machine's shared services are never touched.
package faults
