#!/usr/bin/env python3
"""The real oslo.messaging on the other end of neutrino-messaging (run by InteropTest).

    oslo_peer.py server URL EXCHANGE TOPIC SERVER   serve until stdin closes; prints READY
    oslo_peer.py client URL EXCHANGE TOPIC SERVER   call a Java server; prints one JSON line

Only the public oslo.messaging API is used, with Neutron's kind of endpoint (a target with a
version, methods taking the context and keyword arguments).
"""
import json
import logging
import sys

from oslo_config import cfg
import oslo_messaging


def transport(url, exchange):
    oslo_messaging.set_transport_defaults(control_exchange=exchange)
    # The global CONF, as services use it: oslo registers some of its options there only.
    conf = cfg.CONF
    conf([], project='neutrino-interop')
    return conf, oslo_messaging.get_rpc_transport(conf, url=url)


class Endpoint(object):
    target = oslo_messaging.Target(version='1.5')

    def echo(self, context, **kwargs):
        return {'user_id': context.get('user_id'), 'args': kwargs}

    def fail(self, context, why):
        raise ValueError('python says: ' + why)


def serve(url, exchange, topic, server):
    _, t = transport(url, exchange)
    rpc = oslo_messaging.get_rpc_server(
        t, oslo_messaging.Target(topic=topic, server=server), [Endpoint()],
        executor='threading')
    rpc.start()
    print('READY', flush=True)
    sys.stdin.read()
    rpc.stop()
    rpc.wait()
    t.cleanup()


def call(url, exchange, topic, server):
    conf, t = transport(url, exchange)
    ctxt = {'user_id': 'py-user', 'project_id': 'py-project'}
    client = oslo_messaging.get_rpc_client(
        t, oslo_messaging.Target(topic=topic, version='1.3'), timeout=20)
    out = {}
    out['echo'] = client.call(ctxt, 'echo', a=1, b=['x', None, 2.5])
    out['server'] = client.prepare(server=server).call(ctxt, 'whoami')
    try:
        client.call(ctxt, 'fail', why='disk')
    except oslo_messaging.RemoteError as e:
        out['fail'] = [e.exc_type, e.value]
    try:
        client.prepare(version='1.9').call(ctxt, 'echo')
    except oslo_messaging.RemoteError as e:
        out['version'] = [e.exc_type, e.value]
    try:
        client.call(ctxt, 'missing')
    except oslo_messaging.RemoteError as e:
        out['missing'] = [e.exc_type, e.value]
    try:
        client.call(ctxt, 'builtin_error')
    except ValueError as e:
        # module "builtins": oslo rebuilds the Python exception itself.
        out['builtin'] = [type(e).__name__, str(e).split('\n')[0]]
    client.cast(ctxt, 'record', n=7)
    client.prepare(fanout=True).cast(ctxt, 'record', n=8)
    notifier = oslo_messaging.Notifier(
        oslo_messaging.get_notification_transport(conf, url=url),
        publisher_id='py.host', driver='messagingv2', topics=[topic])
    notifier.info(ctxt, 'py.event', {'k': 'v'})
    print(json.dumps(out), flush=True)
    t.cleanup()


if __name__ == '__main__':
    # The servers log the failures the test provokes on purpose; uncaught errors still show.
    logging.basicConfig(level=logging.CRITICAL)
    mode, url, exchange, topic, server = sys.argv[1:6]
    {'server': serve, 'client': call}[mode](url, exchange, topic, server)
