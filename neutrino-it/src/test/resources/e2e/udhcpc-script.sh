#!/bin/sh
# busybox udhcpc calls this with the lease in its environment. Applies the address, MTU and
# default route, and prints the lease on one line for the test to read.
case "$1" in
  deconfig)
    ip addr flush dev "$interface"
    ip link set "$interface" up
    ;;
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/$subnet" dev "$interface"
    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    echo "LEASE ip=$ip subnet=$subnet router=$router mtu=$mtu dns=$dns hostname=$hostname domain=$domain staticroutes=$staticroutes lease=$lease"
    ;;
esac
exit 0
