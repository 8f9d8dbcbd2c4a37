"""A second site of another field: the glossary of a container orchestration platform.

termbook serves sites that are not this one. This glossary is shaped like the real glossaries
of large software projects, and unlike this site's: most entries are in several categories,
most have no sources and no review date, many short definitions run to several sentences and
hold inline code, definitions link other terms with bare ``[[id]]`` links, the names of API
kinds keep their capital letter in running text (``proper_noun``), and common words such as
"object" and "name" are linked only where an entry asks (``link: explicit``). Its
``termbook.yml`` declares its categories and nothing else, unless the site is written
``with_scorecard``: then it also rates how mature ten features are in each of the last four
releases, a scorecard with components, ratings, colours, types and a summary column of its
own (:data:`SCORECARD_YML`, :data:`MATURITY`).

:func:`write_site` writes the whole site (MkDocs and Zensical configuration, termbook.yml,
the entries and a home page) into a folder; ``language`` sets ``theme.language``.
"""

from __future__ import annotations

import json
from pathlib import Path

CATEGORIES = {
    "fundamental": ("Fundamentals", "The ideas everything else builds on."),
    "core-object": ("Core objects", "The kinds of object the API serves."),
    "workload": ("Workloads", "What runs on the cluster, and how it is kept running."),
    "networking": ("Networking", "How workloads find and reach each other and the outside world."),
    "storage": ("Storage", "Where data lives beyond a container's lifetime."),
    "security": ("Security", "Who may do what, and what a container may touch."),
    "architecture": ("Architecture", "The parts of the control plane and of each node."),
    "operation": ("Operations", "Running, scaling, upgrading and observing a cluster."),
    "tool": ("Tools", "Programs people use to work with a cluster."),
    "extension": ("Extensions", "Ways to add behaviour without changing the core."),
}

# (id, name, categories, short definition, definition, more fields)
TERMS: list[tuple[str, str, list[str], str, str, dict]] = [
    ("cluster", "Cluster", ["fundamental", "architecture"],
     "A set of machines that run containerised workloads under one control plane.",
     "A cluster has a [[control-plane]] that decides what runs where, and [[node|nodes]] that "
     "run it. Everything in the API belongs to one cluster.", {}),
    ("node", "Node", ["fundamental", "architecture", "core-object"],
     "A machine, physical or virtual, that runs pods. Each node runs a `kubelet` and a "
     "container runtime.",
     "Nodes register with the [[api-server]] and report their capacity. The [[scheduler]] "
     "places [[pod|pods]] on them.", {"aliases": ["worker node"]}),
    ("control-plane", "Control plane", ["architecture", "fundamental"],
     "The components that keep the cluster in its desired state: the API server, the "
     "scheduler, the controllers and the store behind them.",
     "The control plane runs [[api-server]], [[etcd]], [[scheduler]] and "
     "[[controller-manager]]. It can run on dedicated [[node|nodes]].", {}),
    ("api-server", "API server", ["architecture"],
     "The front end of the control plane. Every read and write of cluster state goes through "
     "its REST API, served by `kube-apiserver`.",
     "The API server validates and stores [[object|objects]] in [[etcd]], runs "
     "[[admission-controller|admission controllers]] and serves [[watch|watches]].",
     {"aliases": ["kube-apiserver"]}),
    ("etcd", "etcd", ["architecture", "storage"],
     "The consistent key-value store that holds all cluster data.",
     "Only the [[api-server]] talks to etcd. Back it up: losing it loses the cluster's state.",
     {"sources": [{"title": "etcd documentation", "publisher": "etcd authors", "date": "2024",
                   "url": "https://etcd.io/docs/"}], "reviewed": "2025-03-01"}),
    ("scheduler", "Scheduler", ["architecture", "workload"],
     "The control plane component that picks a node for each new pod. It filters the nodes "
     "that fit, then scores the rest.",
     "The scheduler reads [[requests-and-limits|resource requests]], [[affinity]], "
     "[[taint|taints]] and [[topology-spread-constraints]].", {"aliases": ["kube-scheduler"]}),
    ("controller-manager", "Controller manager", ["architecture"],
     "The process that runs the built-in controllers, each in its own loop.",
     "It runs the controllers behind [[deployment|Deployments]], [[replicaset|ReplicaSets]], "
     "[[job|Jobs]] and more. See [[controller]].", {"aliases": ["kube-controller-manager"]}),
    ("cloud-controller-manager", "Cloud controller manager", ["architecture", "extension"],
     "The control plane component that links the cluster to a cloud provider's API.",
     "It manages [[load-balancer|load balancers]], routes and [[node]] lifecycles for one "
     "provider, so the core stays provider-neutral.", {}),
    ("controller", "Controller", ["fundamental", "architecture"],
     "A control loop that watches the cluster's state and makes changes to move it towards "
     "the desired state.",
     "Each controller tracks at least one kind of [[object]]. See [[reconciliation-loop]] and "
     "[[operator-pattern]].", {}),
    ("reconciliation-loop", "Reconciliation loop", ["fundamental"],
     "Comparing desired and actual state, then acting on the difference, again and again.",
     "[[controller|Controllers]] reconcile; they do not run a script once. That is why a "
     "deleted [[pod]] comes back.", {"aliases": ["reconcile"]}),
    ("desired-state", "Desired state", ["fundamental"],
     "What the user declared in an object's `spec`. The system works to make the actual state "
     "match it.",
     "The desired state lives in [[spec]]; what is true now is in [[status]].", {}),
    ("object", "Object", ["fundamental", "core-object"],
     "A persistent entity in the cluster's API that records intent, such as a `Pod` or a "
     "`Service`. Every object has a kind, a name and a UID.",
     "Objects have a [[spec]] and a [[status]]; [[controller|controllers]] act on them.",
     {"aliases": ["API object", "resource object"], "link": "explicit"}),
    ("name", "Name", ["fundamental"],
     "A client-given string that identifies an object among those of its kind in a namespace.",
     "Names are unique per kind and [[namespace]]; the [[uid]] is unique across time.",
     {"link": "explicit"}),
    ("uid", "UID", ["fundamental"],
     "A string the system generates to identify an object uniquely over the whole life of the "
     "cluster.", "Two [[object|objects]] with the same [[name]] at different times have "
     "different UIDs.", {"abbreviation": "UID", "aliases": ["unique identifier"]}),
    ("spec", "Spec", ["fundamental"],
     "The part of an object that describes its desired state, written by the user.",
     "See [[desired-state]] and [[status]].", {"aliases": ["specification"]}),
    ("status", "Status", ["fundamental"],
     "The part of an object that reports its current state, written by the system.",
     "[[controller|Controllers]] update the status; users read it.", {"link": "explicit"}),
    ("namespace", "Namespace", ["fundamental", "core-object", "security"],
     "A way to divide one cluster among teams or projects. Names must be unique within a "
     "namespace, not across them.",
     "[[resource-quota|Resource quotas]] and [[rbac]] rules often apply per namespace. Not to "
     "be confused with a [[linux-namespace]].", {"proper_noun": "true"}),
    ("label", "Label", ["fundamental", "core-object"],
     "A key-value pair attached to an object, such as `app: web`. Labels are meant to be "
     "queried.", "[[selector|Selectors]] pick objects by their labels.", {}),
    ("selector", "Selector", ["fundamental"],
     "A query over labels, such as `app=web,tier!=cache`. It picks the objects a Service or "
     "controller acts on.", "Equality-based and set-based selectors exist. See [[label]].",
     {"aliases": ["label selector"]}),
    ("annotation", "Annotation", ["fundamental", "core-object"],
     "A key-value pair of non-identifying metadata. Unlike a label, it is not used to select "
     "objects.", "Tools store build information, contacts or hints in annotations.", {}),
    ("manifest", "Manifest", ["fundamental", "tool"],
     "A file, usually YAML, that declares one or more objects to create or update.",
     "Apply manifests with [[kubectl]] or package them in a [[helm-chart]].", {}),
    ("pod", "Pod", ["core-object", "workload", "fundamental"],
     "The smallest deployable unit: one or more containers that share networking and "
     "storage. Pods are meant to be disposable.",
     "A pod runs on one [[node]]. Usually a [[deployment]] or another [[workload]] resource "
     "manages pods rather than a person.", {"proper_noun": "true"}),
    ("pod-security-policy", "Pod Security Policy", ["security", "core-object"],
     "A removed cluster-level resource that controlled security-sensitive aspects of pods. "
     "Replaced by *Pod Security Admission*.",
     "It was deprecated and later removed; use [[pod-security-admission]].",
     {"abbreviation": "PSP", "aliases": ["PodSecurityPolicy"], "status": "draft"}),
    ("pod-security-admission", "Pod Security Admission", ["security", "extension"],
     "The built-in admission controller that enforces the Pod Security Standards per "
     "namespace, through labels such as `pod-security.kubernetes.io/enforce`.",
     "It replaced [[pod-security-policy]]. See [[admission-controller]].", {}),
    ("container", "Container", ["fundamental", "workload"],
     "A lightweight, portable package of software with its dependencies, run in isolation "
     "from other processes.",
     "Containers run from a [[container-image]] through a [[container-runtime]], isolated by "
     "[[linux-namespace|Linux namespaces]] and [[cgroup|cgroups]].", {}),
    ("container-image", "Container image", ["fundamental", "workload"],
     "A read-only template of a container's file system and settings. It is pulled from a "
     "registry by name and tag, such as `nginx:1.27`.",
     "Images are stored in a [[registry]]; see [[image-pull-policy]].", {"aliases": ["image"]}),
    ("container-runtime", "Container runtime", ["architecture", "workload"],
     "The software on each node that runs containers, such as `containerd` or CRI-O.",
     "The [[kubelet]] talks to it through the [[cri]].", {}),
    ("container-storage-interface", "Container Storage Interface", ["storage", "extension"],
     "A standard interface for exposing storage systems to containers. Drivers are written "
     "once and work with any orchestrator that speaks it.",
     "CSI drivers provision [[persistent-volume|persistent volumes]].", {"abbreviation": "CSI"}),
    ("cri", "Container Runtime Interface", ["architecture", "extension"],
     "The plugin interface that lets the kubelet use any container runtime without "
     "recompiling.", "See [[container-runtime]].", {"abbreviation": "CRI"}),
    ("cni", "Container Network Interface", ["networking", "extension"],
     "A specification and libraries for configuring network interfaces in containers.",
     "Network plugins implement CNI; they give each [[pod]] its address.",
     {"abbreviation": "CNI"}),
    ("kubelet", "Kubelet", ["architecture"],
     "The agent on each node that makes sure the containers described in pod specs are "
     "running and healthy.",
     "The kubelet runs [[probe|probes]] and reports [[node]] [[status]] to the [[api-server]].",
     {"aliases": ["kubelet agent"]}),
    ("kube-proxy", "kube-proxy", ["networking", "architecture"],
     "A network proxy on each node that implements part of the Service concept. It keeps "
     "packet-forwarding rules up to date.",
     "It programs `iptables` or IPVS rules for each [[service]].", {}),
    ("workload", "Workload", ["workload", "fundamental"],
     "An application running on the cluster, made of pods managed by a workload resource.",
     "Workload resources include [[deployment]], [[statefulset]], [[daemonset]] and [[job]].",
     {"link": "explicit"}),
    ("deployment", "Deployment", ["core-object", "workload"],
     "A workload resource that manages a replicated, stateless application. It rolls out "
     "changes to its pods declaratively.",
     "A Deployment owns [[replicaset|ReplicaSets]] and performs [[rolling-update|rolling "
     "updates]]. Scale it with `kubectl scale`.", {"proper_noun": "true"}),
    ("replicaset", "ReplicaSet", ["core-object", "workload"],
     "Keeps a set number of identical pods running at any time.",
     "You rarely create one directly: a [[deployment]] manages them.", {"proper_noun": "true"}),
    ("statefulset", "StatefulSet", ["core-object", "workload", "storage"],
     "A workload resource for stateful applications. Its pods have stable names, stable "
     "network identities and their own persistent storage.",
     "Each pod gets a [[persistent-volume-claim]] from a template; see [[headless-service]].",
     {"proper_noun": "true"}),
    ("daemonset", "DaemonSet", ["core-object", "workload", "operation"],
     "Ensures that a copy of a pod runs on every node, or on every node that matches a "
     "selector.", "Log collectors and [[cni]] plugins often run as DaemonSets.",
     {"proper_noun": "true"}),
    ("job", "Job", ["core-object", "workload"],
     "A workload resource that runs pods until a set number of them complete successfully.",
     "For work on a schedule, see [[cronjob]].", {"proper_noun": "true"}),
    ("cronjob", "CronJob", ["core-object", "workload", "operation"],
     "Creates Jobs on a repeating schedule written in cron syntax, such as `0 3 * * *`.",
     "Each run creates a [[job]].", {"proper_noun": "true"}),
    ("init-container", "Init container", ["workload"],
     "A container that runs to completion before the app containers of a pod start. Init "
     "containers run one after another.",
     "Use them to wait for a [[service]] or to prepare a [[volume]].", {}),
    ("sidecar-container", "Sidecar container", ["workload", "extension"],
     "A helper container that runs alongside the main container in the same pod, for "
     "logging, proxying or syncing.", "See [[pod]] and [[init-container]].",
     {"aliases": ["sidecar"]}),
    ("ephemeral-container", "Ephemeral container", ["workload", "operation"],
     "A temporary container added to a running pod for troubleshooting, with `kubectl debug`.",
     "It has no [[probe|probes]] and is never restarted.", {}),
    ("probe", "Probe", ["workload", "operation"],
     "A check the kubelet runs against a container: an HTTP request, a TCP connection or a "
     "command.", "Kinds are [[liveness-probe]], [[readiness-probe]] and [[startup-probe]].", {}),
    ("liveness-probe", "Liveness probe", ["workload", "operation"],
     "Tells the kubelet when to restart a container. A failing liveness probe kills the "
     "container.", "See [[probe]].", {}),
    ("readiness-probe", "Readiness probe", ["workload", "networking"],
     "Tells whether a container can serve traffic. A pod that is not ready is taken out of "
     "its Services' endpoints.", "See [[probe]] and [[endpoint]].", {}),
    ("startup-probe", "Startup probe", ["workload"],
     "Holds back the other probes until a slow-starting container has started.",
     "See [[probe]].", {}),
    ("image-pull-policy", "Image pull policy", ["workload", "operation"],
     "When the kubelet pulls an image: `Always`, `IfNotPresent` or `Never`.",
     "The default depends on the tag of the [[container-image]].", {}),
    ("registry", "Registry", ["tool", "workload"],
     "A service that stores and serves container images.",
     "Nodes pull each [[container-image]] from a registry, with credentials from a [[secret]].",
     {"aliases": ["container registry", "image registry"]}),
    ("service", "Service", ["core-object", "networking"],
     "A stable network address for a set of pods chosen by a selector. Clients reach the "
     "pods without knowing which ones run.",
     "Types are [[clusterip]], [[nodeport]], [[load-balancer]] and [[externalname]]. "
     "[[kube-proxy]] implements them.", {"proper_noun": "true"}),
    ("endpoint", "Endpoint", ["networking", "core-object"],
     "The address and port of one pod behind a Service.",
     "EndpointSlices list the endpoints of each [[service]].",
     {"aliases": ["EndpointSlice"]}),
    ("clusterip", "ClusterIP", ["networking"],
     "The default Service type: a virtual IP address reachable only from inside the cluster.",
     "See [[service]].", {}),
    ("nodeport", "NodePort", ["networking"],
     "A Service type that opens the same port on every node, by default in the range "
     "`30000-32767`.", "See [[service]] and [[load-balancer]].", {}),
    ("load-balancer", "Load balancer", ["networking", "operation"],
     "A Service type that asks the cloud provider for an external load balancer in front of "
     "the Service.", "The [[cloud-controller-manager]] provisions it.",
     {"aliases": ["LoadBalancer"]}),
    ("externalname", "ExternalName", ["networking"],
     "A Service type that maps a Service name to an outside DNS name with a `CNAME` record.",
     "No proxying happens; see [[cluster-dns]].", {}),
    ("headless-service", "Headless Service", ["networking"],
     "A Service with `clusterIP: None`. DNS returns the pods' own addresses instead of one "
     "virtual IP.", "[[statefulset|StatefulSets]] use one for stable network identities.", {}),
    ("ingress", "Ingress", ["core-object", "networking"],
     "An object that manages outside HTTP and HTTPS access to Services, with rules by host "
     "and path.", "An [[ingress-controller]] puts the rules into effect. See [[gateway-api]].",
     {"proper_noun": "true"}),
    ("ingress-controller", "Ingress controller", ["networking", "extension"],
     "A program that reads Ingress objects and configures a proxy to route traffic as they "
     "say.", "The cluster needs one for [[ingress]] to do anything.", {}),
    ("gateway-api", "Gateway API", ["networking", "extension"],
     "A family of API kinds for traffic routing, more expressive and role-oriented than "
     "Ingress.", "It splits infrastructure and routes between roles; see [[ingress]].", {}),
    ("network-policy", "Network policy", ["networking", "security"],
     "Rules for which pods may talk to which, and to what outside the cluster. Without any "
     "policy, all traffic is allowed.",
     "It needs a [[cni]] plugin that enforces it; pods are chosen by [[selector]].",
     {"aliases": ["NetworkPolicy"]}),
    ("cluster-dns", "Cluster DNS", ["networking", "architecture"],
     "The DNS server inside the cluster that gives Services names such as "
     "`web.shop.svc.cluster.local`.", "See [[service]] and [[namespace]].", {}),
    ("volume", "Volume", ["storage", "workload"],
     "A directory that containers in a pod can read and write, which may outlive the "
     "container.", "Persistent storage comes from a [[persistent-volume]].", {}),
    ("persistent-volume", "Persistent volume", ["storage", "core-object"],
     "A piece of storage in the cluster, provisioned by an administrator or dynamically by a "
     "storage class.", "Pods use it through a [[persistent-volume-claim]].",
     {"abbreviation": "PV", "aliases": ["PersistentVolume"]}),
    ("persistent-volume-claim", "Persistent volume claim", ["storage", "core-object"],
     "A request for storage by a user: a size and an access mode, such as `ReadWriteOnce`.",
     "A claim binds to a [[persistent-volume]]; see [[storage-class]].",
     {"abbreviation": "PVC", "aliases": ["PersistentVolumeClaim"]}),
    ("storage-class", "Storage class", ["storage", "operation"],
     "Describes a kind of storage a cluster offers. Claims that name it get volumes "
     "provisioned on demand.", "Drivers come through the [[container-storage-interface]].",
     {"aliases": ["StorageClass"]}),
    ("configmap", "ConfigMap", ["core-object", "workload"],
     "An object for non-confidential configuration as key-value pairs. Pods read it as "
     "environment variables or files.", "For confidential values use a [[secret]].",
     {"proper_noun": "true"}),
    ("secret", "Secret", ["core-object", "security"],
     "An object that holds a small amount of sensitive data, such as a password or a token. "
     "Its values are base64-encoded, **not** encrypted by default.",
     "Enable encryption at rest in [[etcd]] and limit access with [[rbac]].",
     {"proper_noun": "true"}),
    ("service-account", "Service account", ["security", "core-object"],
     "An identity for processes that run in pods, used to authenticate to the API server.",
     "Grant it rights with a [[rolebinding]].", {"aliases": ["ServiceAccount"]}),
    ("rbac", "Role-based access control", ["security"],
     "Authorises actions on the API by the roles of users and service accounts.",
     "Rules live in a [[role]] or [[clusterrole]] and are granted by a [[rolebinding]].",
     {"abbreviation": "RBAC",
      "sources": [{"title": "Using RBAC Authorization", "publisher": "The Kubernetes Authors",
                   "date": "2024", "url": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"}]}),
    ("role", "Role", ["security", "core-object"],
     "A set of permissions within one namespace, such as `get` and `list` on pods.",
     "For the whole cluster, see [[clusterrole]].", {"proper_noun": "true"}),
    ("clusterrole", "ClusterRole", ["security", "core-object"],
     "A set of permissions that applies across the whole cluster.",
     "Grant it with a [[rolebinding]] or a cluster-wide binding.", {"proper_noun": "true"}),
    ("rolebinding", "RoleBinding", ["security", "core-object"],
     "Grants the permissions of a Role or ClusterRole to users, groups or service accounts in "
     "a namespace.", "See [[rbac]] and [[service-account]].", {"proper_noun": "true"}),
    ("security-context", "Security context", ["security", "workload"],
     "Privilege and access settings for a pod or container, such as `runAsNonRoot: true`.",
     "It sets [[seccomp]], [[apparmor]] and [[selinux]] options too.", {}),
    ("seccomp", "Seccomp", ["security"],
     "A Linux kernel feature that limits the system calls a process may make.",
     "Set a profile in the [[security-context]].", {"aliases": ["secure computing mode"]}),
    ("apparmor", "AppArmor", ["security"],
     "A Linux security module that confines programs to a limited set of resources.",
     "See [[security-context]].", {}),
    ("selinux", "SELinux", ["security"],
     "A Linux security module that labels processes and files and enforces access rules "
     "between them.", "See [[security-context]].", {}),
    ("linux-namespace", "Linux namespace", ["security", "fundamental"],
     "A kernel feature that gives a process its own view of a system resource, such as "
     "process ids or network interfaces.",
     "Containers are built on them; not the same as a cluster [[namespace]].",
     {"sort_as": "Linux namespace"}),
    ("cgroup", "Control group", ["security", "operation"],
     "A Linux kernel feature that limits and accounts for the resources a group of processes "
     "uses.", "The [[kubelet]] enforces [[requests-and-limits|limits]] through cgroups.",
     {"abbreviation": "cgroup"}),
    ("admission-controller", "Admission controller", ["security", "extension"],
     "Code in the API server that checks or changes requests after authentication and before "
     "the object is stored.",
     "Some are built in, such as [[pod-security-admission]]; others are [[admission-webhook|"
     "webhooks]].", {}),
    ("admission-webhook", "Admission webhook", ["extension", "security"],
     "An HTTP callback that receives admission requests. Mutating webhooks change objects; "
     "validating webhooks accept or reject them.", "See [[admission-controller]].",
     {"aliases": ["mutating webhook", "validating webhook"]}),
    ("custom-resource", "Custom resource", ["extension", "core-object"],
     "An extension of the API that is not part of the default installation, declared by a "
     "`CustomResourceDefinition`.", "Often paired with an [[operator-pattern|operator]].",
     {"aliases": ["CustomResourceDefinition", "CRD"]}),
    ("operator-pattern", "Operator pattern", ["extension", "operation"],
     "Encoding the knowledge of running an application in a controller that manages custom "
     "resources.", "See [[controller]] and [[custom-resource]].", {"aliases": ["operator"]}),
    ("api-group", "API group", ["fundamental", "extension"],
     "A set of related paths in the API, such as `apps` or `batch`.",
     "Each group has its own [[api-version|versions]].", {}),
    ("api-version", "API version", ["fundamental", "operation"],
     "The version of an API group an object is written in, such as `apps/v1`. Versions move "
     "from alpha to beta to stable.", "Old versions go through [[deprecation]].", {}),
    ("deprecation", "Deprecation", ["operation"],
     "Marking an API or feature for removal in a later release, with a notice period.",
     "See [[api-version]] and [[feature-gate]].", {}),
    ("feature-gate", "Feature gate", ["operation", "extension"],
     "A named switch that turns a feature on or off in a component, such as "
     "`--feature-gates=SidecarContainers=true`.", "Alpha features are off by default.", {}),
    ("requests-and-limits", "Requests and limits", ["workload", "operation"],
     "A container's request is what the scheduler reserves for it; its limit is the most it "
     "may use. Memory over the limit gets the container killed.",
     "They decide the [[quality-of-service-class]]. See [[scheduler]].",
     {"aliases": ["resource requests", "resource limits"]}),
    ("quality-of-service-class", "Quality of Service class", ["workload", "operation"],
     "Guaranteed, Burstable or BestEffort: derived from requests and limits, it decides which "
     "pods are evicted first.", "See [[eviction]].", {"abbreviation": "QoS class"}),
    ("resource-quota", "Resource quota", ["operation", "security"],
     "Limits the total resources the objects in one namespace may use.",
     "See [[limit-range]] and [[namespace]].", {"aliases": ["ResourceQuota"]}),
    ("limit-range", "Limit range", ["operation"],
     "Sets default, minimum and maximum resources for each container or pod in a namespace.",
     "See [[resource-quota]].", {"aliases": ["LimitRange"]}),
    ("horizontal-pod-autoscaler", "Horizontal pod autoscaler", ["operation", "workload"],
     "Scales the number of pods of a workload up and down with a metric such as CPU use.",
     "It reads metrics from the [[metrics-server]].", {"abbreviation": "HPA"}),
    ("vertical-pod-autoscaler", "Vertical pod autoscaler", ["operation", "workload"],
     "Adjusts the requests and limits of containers to their actual use.",
     "See [[requests-and-limits]].", {"abbreviation": "VPA"}),
    ("cluster-autoscaler", "Cluster autoscaler", ["operation"],
     "Adds nodes when pods cannot be scheduled, and removes nodes that stay underused.",
     "See [[node]] and [[scheduler]].", {}),
    ("taint", "Taint", ["workload", "operation"],
     "A mark on a node that keeps pods away unless they tolerate it, such as "
     "`dedicated=gpu:NoSchedule`.", "See [[toleration]].", {}),
    ("toleration", "Toleration", ["workload"],
     "Lets a pod be scheduled on nodes with a matching taint. It allows; it does not attract.",
     "See [[taint]] and [[affinity]].", {}),
    ("affinity", "Affinity", ["workload"],
     "Rules that attract pods to nodes, or to or away from other pods, by their labels.",
     "See [[taint]] and [[topology-spread-constraints]].",
     {"aliases": ["node affinity", "pod affinity", "anti-affinity"]}),
    ("topology-spread-constraints", "Topology spread constraints", ["workload", "operation"],
     "Spread a workload's pods across zones, nodes or other domains, within a set skew.",
     "See [[affinity]].", {}),
    ("priority-class", "Priority class", ["workload", "operation"],
     "Gives pods a priority. When resources run short, higher-priority pods can preempt "
     "lower ones.", "See [[preemption]].", {"aliases": ["PriorityClass"]}),
    ("preemption", "Preemption", ["workload", "operation"],
     "Evicting lower-priority pods so that a higher-priority pod can be scheduled.",
     "See [[priority-class]] and [[eviction]].", {}),
    ("eviction", "Eviction", ["operation"],
     "Ending pods on a node, because the node runs short of resources or is being drained.",
     "Evictions respect a [[pod-disruption-budget]] where they can.", {}),
    ("pod-disruption-budget", "Pod disruption budget", ["operation", "workload"],
     "Limits how many pods of a replicated application may be down at once during "
     "voluntary disruptions.", "See [[drain]] and [[eviction]].", {"abbreviation": "PDB"}),
    ("drain", "Drain", ["operation"],
     "Safely evicting every pod from a node before maintenance, with `kubectl drain`.",
     "Draining [[cordon|cordons]] the node first.", {}),
    ("cordon", "Cordon", ["operation"],
     "Marking a node unschedulable, so that no new pods land on it. Running pods stay.",
     "See [[drain]].", {}),
    ("rolling-update", "Rolling update", ["operation", "workload"],
     "Replacing a workload's pods a few at a time, so the application stays available.",
     "A [[deployment]] does this by default; see [[rollout]].", {}),
    ("rollout", "Rollout", ["operation"],
     "The process of moving a workload to a new version. Follow it with `kubectl rollout "
     "status`; undo it with `kubectl rollout undo`.",
     "Strategies include [[rolling-update]], [[canary-deployment]] and "
     "[[blue-green-deployment]].", {}),
    ("canary-deployment", "Canary deployment", ["operation"],
     "Sending a small share of traffic to a new version before all of it.",
     "See [[rollout]].", {"aliases": ["canary release"]}),
    ("blue-green-deployment", "Blue-green deployment", ["operation"],
     "Running the old and new versions side by side and switching all traffic at once.",
     "See [[rollout]].", {}),
    ("garbage-collection", "Garbage collection", ["operation", "architecture"],
     "Cleaning up objects whose owners are gone, unused images and finished containers.",
     "It follows [[owner-reference|owner references]] and honours [[finalizer|finalizers]].",
     {}),
    ("owner-reference", "Owner reference", ["fundamental", "operation"],
     "A field that names an object's owner. When the owner is deleted, its dependents can be "
     "deleted with it.", "See [[garbage-collection]].", {"aliases": ["ownerReferences"]}),
    ("finalizer", "Finalizer", ["operation", "extension"],
     "A key that makes the API wait before deleting an object, until a controller has "
     "finished its clean-up.", "See [[garbage-collection]].", {}),
    ("watch", "Watch", ["fundamental", "architecture"],
     "A long-running request that streams changes to objects as they happen.",
     "[[controller|Controllers]] watch rather than poll.", {"link": "explicit"}),
    ("lease", "Lease", ["architecture", "core-object"],
     "A lightweight object used for heartbeats and for electing one leader among replicas.",
     "Each [[node]] renews its lease to show it is alive.", {"proper_noun": "true"}),
    ("event", "Event", ["operation", "core-object"],
     "A report of something that happened in the cluster, such as a pod being scheduled or "
     "an image failing to pull. Events expire after an hour by default.",
     "Read them with `kubectl events`.", {"link": "explicit", "proper_noun": "true"}),
    ("audit-log", "Audit log", ["security", "operation"],
     "A record of the requests the API server received: who did what, when, and with which "
     "result.", "See [[api-server]].", {}),
    ("kubectl", "kubectl", ["tool"],
     "The command-line tool for talking to a cluster's API server. For example, `kubectl get "
     "pods -n shop` lists the pods of a namespace.",
     "It reads its clusters and credentials from a [[kubeconfig]].", {}),
    ("kubeconfig", "kubeconfig", ["tool", "security"],
     "A file that holds clusters, users and contexts for kubectl, by default `~/.kube/config`.",
     "Each context pairs a [[cluster]], a user and a [[namespace]].",
     {"aliases": ["kubeconfig file"]}),
    ("helm-chart", "Helm chart", ["tool", "extension"],
     "A package of templated manifests, installed and upgraded as one release with `helm`.",
     "See [[manifest]] and [[kustomize]].", {"aliases": ["chart"]}),
    ("kustomize", "Kustomize", ["tool"],
     "A tool, built into kubectl as `kubectl apply -k`, that customises manifests with "
     "overlays instead of templates.", "See [[manifest]] and [[helm-chart]].", {}),
    ("gitops", "GitOps", ["operation", "tool"],
     "Running a cluster from a Git repository: what is merged is applied by an agent that "
     "keeps the cluster in step.", "It relies on [[desired-state]] and "
     "[[reconciliation-loop|reconciliation]].", {}),
    ("immutable-infrastructure", "Immutable infrastructure", ["fundamental", "operation"],
     "Replacing components rather than changing them in place. A changed image means new "
     "pods, not patched ones.", "See [[container-image]] and [[rolling-update]].", {}),
    ("metrics-server", "Metrics server", ["operation", "extension"],
     "A cluster add-on that collects CPU and memory use from kubelets for autoscaling and "
     "`kubectl top`.", "The [[horizontal-pod-autoscaler]] reads it.", {}),
    ("observability", "Observability", ["operation"],
     "How well the inside of a system can be understood from what it emits: metrics, logs "
     "and traces.", "See [[metrics-server]] and [[event]].", {}),
    ("certificate", "Certificate", ["security"],
     "An X.509 certificate that proves an identity in TLS connections between components and "
     "clients.", "Certificates must be rotated before they expire; see [[kubeconfig]].",
     {"aliases": ["TLS certificate"]}),
]


#: The scorecard of the site written ``with_scorecard``: each rated feature's maturity in each
#: release. Its page and data files are named by ``slug``, not by the entry field.
SCORECARD_YML = """
scorecard:
  field: maturity
  slug: feature-maturity
  title: Feature maturity
  heading: Maturity
  description: How mature {count} features are in each of the last four releases.
  intro: "{count} features, rated release by release."
  entry_intro: "How mature {term} is in each release ([all rated features]({page})):"
  entry_column: Feature
  summary: {title: Stable releases, short: Stable, counts: [stable]}
  framework: The platform's feature stages, as each release's notes give them
  data_names: {entry: feature, entries: features, summary: stable_releases}
  components:
    v1-30: {title: Release 1.30, short: "1.30"}
    v1-31: {title: Release 1.31, short: "1.31"}
    v1-32: {title: Release 1.32, short: "1.32"}
    v1-33: {title: Release 1.33, short: "1.33"}
  ratings:
    stable: {title: stable, description: "On by default; its API no longer changes.", colour: green}
    beta: {title: beta, description: "On by default, but details may still change.", colour: blue}
    alpha: {title: alpha, description: "Off by default, behind a feature gate.", colour: amber}
    deprecated: {title: deprecated, description: "Still served, with a warning; to be removed.", colour: red}
    removed: {title: removed, description: "No longer served.", colour: grey}
  types:
    retiring:
      title: On its way out
      description: deprecated or removed in one of the releases
      when:
        - any: [v1-30, v1-31, v1-32, v1-33]
          rated: [deprecated, removed]
    available:
      title: Generally available
      description: stable in the latest release
      when:
        - all: [v1-33]
          rated: [stable]
    maturing:
      title: In development
      description: alpha or beta in the latest release
"""
#: The releases the scorecard rates, in order.
RELEASES = ("v1-30", "v1-31", "v1-32", "v1-33")
#: Each rated feature's rating in each release, and whether its ratings link the release notes.
MATURITY: dict[str, tuple[tuple[str, str, str, str], bool]] = {
    "sidecar-container": (("beta", "beta", "beta", "stable"), True),
    "pod-security-policy": (("removed", "removed", "removed", "removed"), True),
    "pod-security-admission": (("stable", "stable", "stable", "stable"), False),
    "endpoint": (("stable", "stable", "stable", "deprecated"), True),
    "ephemeral-container": (("stable", "stable", "stable", "stable"), False),
    "linux-namespace": (("alpha", "beta", "beta", "beta"), True),
    "gateway-api": (("alpha", "alpha", "beta", "beta"), False),
    "cronjob": (("stable", "stable", "stable", "stable"), False),
    "horizontal-pod-autoscaler": (("stable", "stable", "stable", "stable"), True),
    "vertical-pod-autoscaler": (("alpha", "alpha", "alpha", "alpha"), False),
}
#: The reason each rating gives.
REASONS = {"stable": "Graduated: on by default.", "beta": "Beta: on by default, may change.",
           "alpha": "Alpha: behind a feature gate.", "deprecated": "Deprecated: served with a warning.",
           "removed": "Removed: no longer served."}


def maturity_yaml(term_id: str) -> str:
    """The ``maturity`` block of a rated feature's entry."""
    ratings, linked = MATURITY[term_id]
    lines = ["maturity:"]
    for release, rating in zip(RELEASES, ratings, strict=True):
        lines += [f"  {release}:", f"    rating: {rating}", f"    reason: {json.dumps(REASONS[rating])}"]
        if linked:
            lines.append(f"    evidence: https://platform.invalid/releases/{release}/#{term_id}")
    return "\n".join(lines) + "\n"


def entry_yaml(term_id: str, name: str, categories: list[str], short: str, definition: str,
               more: dict) -> str:
    """The entry as YAML (JSON strings are YAML strings, so every value is quoted safely)."""
    lines = [f"term: {json.dumps(name, ensure_ascii=False)}"]
    for field in ("abbreviation", "aliases"):
        if field in more:
            lines.append(f"{field}: {json.dumps(more[field], ensure_ascii=False)}")
    lines.append(f"category: {json.dumps(categories if len(categories) > 1 else categories[0])}")
    lines.append(f"short: {json.dumps(short, ensure_ascii=False)}")
    lines.append("definition: |")
    lines += [f"  {line}" for line in definition.split("\n")]
    for field in ("link", "proper_noun", "sort_as", "status", "reviewed", "sources"):
        if field in more:
            lines.append(f"{field}: {json.dumps(more[field], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


MKDOCS_YML = """site_name: Container platform glossary
site_url: https://glossary.invalid/
theme:
  name: material
  language: {language}
  font: false
  features: [content.tooltips]
markdown_extensions: [attr_list, md_in_html, admonition, toc]
plugins:
  - search
  - termbook
"""

# termbook zensical build adds termbook's Markdown extension, styles and scripts, which this
# configuration, as a new site's, leaves out.
ZENSICAL_YML = """INHERIT: mkdocs.yml
docs_dir: build/zensical-docs
site_dir: site-zensical
"""

HOME = """# Container platform glossary

The words of the platform, from [[pod]] to [[gitops]]. Start with [[cluster]], [[node]] and
[[controller]]; every [[deployment]] runs [[pod|pods]] on nodes, and a [[service]] finds them.
"""


def write_site(folder: Path, *, language: str = "en", with_scorecard: bool = False) -> Path:
    """Write the site into ``folder``; return it. ``with_scorecard``: with the maturity
    scorecard and its ratings."""
    (folder / "glossary").mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    categories = "\n".join(f"  {key}: {{title: {title}, description: {json.dumps(description)}}}"
                           for key, (title, description) in CATEGORIES.items())
    (folder / "termbook.yml").write_text(f"categories:\n{categories}\n"
                                         + (SCORECARD_YML if with_scorecard else ""), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    (folder / "zensical.yml").write_text(ZENSICAL_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    for term_id, name, categories_of_term, short, definition, more in TERMS:
        rated = maturity_yaml(term_id) if with_scorecard and term_id in MATURITY else ""
        (folder / "glossary" / f"{term_id}.yaml").write_text(
            entry_yaml(term_id, name, categories_of_term, short, definition, more) + rated,
            encoding="utf-8")
    return folder


# --- dated events, of this field's own kinds -------------------------------------------------

EVENT_KINDS = """events:
  kinds:
    version: {title: Version, description: "A version of the platform is published.", record: release}
    deprecation: {title: Deprecation, description: "An API or feature is marked for removal."}
    advisory: {title: Security advisory}
"""

EVENTS = {
    "2015-07-21-version-1-0": """date: "2015-07-21"
kind: version
title: Version 1.0 of the platform
text: The first stable version serves [[pod|pods]], [[service|services]] and [[node|nodes]].
terms: [pod, service, node]
release: {name: Version 1.0}
sources:
  - {title: Release notes 1.0, publisher: The platform project, date: "2015-07-21", url: "https://github.com/example/platform/blob/0123456789abcdef0123456789abcdef01234567/CHANGELOG.md"}
""",
    "2019-09-deprecated-extensions": """date: "2019-09"
date_note: The notes give the month only.
kind: deprecation
title: Old API groups of workloads are removed
text: Workloads such as a [[deployment]] must use the `apps/v1` group from this version on.
terms: [deployment]
sources:
  - {title: Deprecated APIs removed, publisher: The platform blog, date: "2019-07-18", url: "https://blog.example.invalid/deprecated-apis"}
""",
    "2021-advisory": """date: "2021"
kind: advisory
title: An advisory on container escapes
text: A flaw let a [[pod]] write outside its volumes; the fix came in the same year.
terms: [pod]
sources:
  - {title: Advisory, publisher: The platform security team, date: "2021", url: "https://security.example.invalid/advisory"}
""",
}

CHANGES_PAGE = """# What changed

Every deprecation, from the events:

<!-- termbook:events kind=deprecation -->
"""


def add_events(folder: Path) -> Path:
    """Give the site written by :func:`write_site` its own kinds of event, three events and a
    page that embeds the deprecations."""
    with (folder / "termbook.yml").open("a", encoding="utf-8") as config:
        config.write(EVENT_KINDS)
    (folder / "events").mkdir(exist_ok=True)
    for event_id, text in EVENTS.items():
        (folder / "events" / f"{event_id}.yaml").write_text(text, encoding="utf-8")
    (folder / "docs" / "changes.md").write_text(CHANGES_PAGE, encoding="utf-8")
    return folder
