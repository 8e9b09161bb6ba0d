{{/* Namespace of a part: (list $ "data") -> "data", or the release namespace when not split. */}}
{{- define "tp.ns" -}}
{{- $root := index . 0 -}}
{{- if $root.Values.namespaces.split -}}
{{- index $root.Values.namespaces.names (index . 1) -}}
{{- else -}}
{{- $root.Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/* The platform image, pinned: tag (default: the chart's appVersion) or digest; never latest. */}}
{{- define "tp.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag must be a pinned version, not latest" -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "tp.labels" -}}
app.kubernetes.io/name: taxi-platform
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of a component: (list $ "sink"). */}}
{{- define "tp.selector" -}}
app.kubernetes.io/name: taxi-platform
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Host of a Service in a part's namespace: (list $ "s3" "data"). */}}
{{- define "tp.host" -}}
{{- $root := index . 0 -}}
{{- printf "%s.%s.svc.%s" (index . 1) (include "tp.ns" (list $root (index . 2))) $root.Values.clusterDomain -}}
{{- end -}}

{{- define "tp.kafkaBootstrap" -}}
{{- if eq .Values.kafka.mode "external" -}}
{{- required "kafka.external.bootstrapServers is required when kafka.mode is external" .Values.kafka.external.bootstrapServers -}}
{{- else if eq .Values.kafka.mode "strimzi" -}}
{{- printf "%s:9092" (include "tp.host" (list . (printf "%s-kafka-bootstrap" .Values.kafka.strimzi.clusterName) "streaming")) -}}
{{- else if eq .Values.kafka.mode "platform" -}}
{{- printf "%s:9092" (include "tp.host" (list . "kafka" "streaming")) -}}
{{- else -}}
{{- fail (printf "kafka.mode must be platform, strimzi or external, not %s" .Values.kafka.mode) -}}
{{- end -}}
{{- end -}}

{{- define "tp.s3Endpoint" -}}
{{- if eq .Values.s3.mode "external" -}}
{{- required "s3.external.endpoint is required when s3.mode is external" .Values.s3.external.endpoint -}}
{{- else if eq .Values.s3.mode "platform" -}}
{{- printf "http://%s:4566" (include "tp.host" (list . "s3" "data")) -}}
{{- else -}}
{{- fail (printf "s3.mode must be platform or external, not %s" .Values.s3.mode) -}}
{{- end -}}
{{- end -}}

{{- define "tp.warehouseHost" -}}
{{- if eq .Values.postgres.mode "external" -}}
{{- required "postgres.external.host is required when postgres.mode is external" .Values.postgres.external.host -}}
{{- else if eq .Values.postgres.mode "cloudnativepg" -}}
{{- include "tp.host" (list . (printf "%s-rw" .Values.postgres.cloudnativepg.clusterName) "data") -}}
{{- else if eq .Values.postgres.mode "platform" -}}
{{- include "tp.host" (list . "postgres" "data") -}}
{{- else -}}
{{- fail (printf "postgres.mode must be platform, cloudnativepg or external, not %s" .Values.postgres.mode) -}}
{{- end -}}
{{- end -}}

{{/* Namespaces whose pods read the shared ConfigMap and Secret. */}}
{{- define "tp.configNamespaces" -}}
{{- $names := list (include "tp.ns" (list . "processing")) (include "tp.ns" (list . "orchestration")) (include "tp.ns" (list . "serving")) -}}
{{- if or (eq .Values.s3.mode "platform") (eq .Values.postgres.mode "platform") -}}
{{- $names = append $names (include "tp.ns" (list . "data")) -}}
{{- end -}}
{{- if eq .Values.kafka.mode "platform" -}}
{{- $names = append $names (include "tp.ns" (list . "streaming")) -}}
{{- end -}}
{{- if .Values.monitoring.enabled -}}
{{- /* The PostgreSQL exporter logs in as the read-only role. */ -}}
{{- $names = append $names (include "tp.ns" (list . "monitoring")) -}}
{{- end -}}
{{- toJson (uniq $names) -}}
{{- end -}}

{{/* The restricted Pod Security profile, pod level. */}}
{{- define "tp.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted Pod Security profile, container level. */}}
{{- define "tp.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Environment every platform container reads: the shared ConfigMap and Secret. */}}
{{- define "tp.envFrom" -}}
- configMapRef:
    name: taxi-platform-config
- secretRef:
    name: taxi-platform-secrets
{{- end -}}

{{/* Writable directories of a read-only root filesystem: /tmp and the data directory. */}}
{{- define "tp.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/taxi-platform
{{- end -}}

{{- define "tp.scratchVolumes" -}}
- name: tmp
  emptyDir: {}
- name: data
  emptyDir: {}
{{- end -}}

{{/* An HTTP probe pair on a component's health endpoints: (list $ port). */}}
{{- define "tp.httpProbes" -}}
{{- include "tp.httpProbesAt" (list (index . 1) "/health/live" "/health/ready") -}}
{{- end -}}

{{/* Startup, liveness and readiness probes on HTTP paths: (list port livePath readyPath). */}}
{{- define "tp.httpProbesAt" -}}
{{- $port := index . 0 -}}
startupProbe:
  httpGet: {path: {{ index . 1 }}, port: {{ $port }}}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: {{ index . 1 }}, port: {{ $port }}}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet: {path: {{ index . 2 }}, port: {{ $port }}}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* A TCP probe pair for the platform's servers: (list $ port). */}}
{{- define "tp.tcpProbes" -}}
{{- $port := index . 1 -}}
startupProbe:
  tcpSocket: {port: {{ $port }}}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  tcpSocket: {port: {{ $port }}}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  tcpSocket: {port: {{ $port }}}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* The orchestrator's UI as a browser reaches it. */}}
{{- define "tp.orchestratorUrl" -}}
{{- $ingress := .Values.orchestrator.ingress -}}
{{- if .Values.dashboard.orchestratorUrl -}}
{{- .Values.dashboard.orchestratorUrl -}}
{{- else if $ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len $ingress.tls) 0)) $ingress.host -}}
{{- else -}}
{{- printf "http://127.0.0.1:%d" (int .Values.orchestrator.port) -}}
{{- end -}}
{{- end -}}

{{/* Where the batch driver finds the executor pod template (the orchestrator's Kubernetes executor
mounts the ConfigMap taxi-platform-spark-executor-template there in batch Jobs). */}}
{{- define "tp.sparkExecutorTemplatePath" -}}
/etc/taxi-platform/spark/executor-pod.yaml
{{- end -}}
