{{/*
A platform component as a Deployment with a Service on its HTTP port:
(dict "root" $ "name" "sink" "area" "processing" "replicas" 0 "port" 9464 "args" (list ...)
      "env" (list ...) "resources" {...} "serviceAccount" "..." "automountToken" false "strategy" "RollingUpdate")
*/}}
{{- define "tp.deployment" -}}
{{- $root := .root -}}
{{- $namespace := include "tp.ns" (list $root .area) -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ $namespace }}
  labels:
    {{- include "tp.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
spec:
  selector:
    {{- include "tp.selector" (list $root .name) | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ $namespace }}
  labels:
    {{- include "tp.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
spec:
  replicas: {{ .replicas }}
  strategy:
    type: {{ .strategy | default "RollingUpdate" }}
  selector:
    matchLabels:
      {{- include "tp.selector" (list $root .name) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tp.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .name }}
    spec:
      serviceAccountName: {{ .serviceAccount | default "taxi-platform-workload" }}
      automountServiceAccountToken: {{ .automountToken | default false }}
      securityContext:
        {{- include "tp.podSecurityContext" $root | nindent 8 }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: 60
      containers:
        - name: {{ .name }}
          image: {{ include "tp.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args:
            {{- toYaml .args | nindent 12 }}
          envFrom:
            {{- include "tp.envFrom" $root | nindent 12 }}
          {{- with .env }}
          env:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ .port }}
          {{- include "tp.httpProbes" (list $root "http") | nindent 10 }}
          resources:
            {{- toYaml .resources | nindent 12 }}
          securityContext:
            {{- include "tp.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "tp.scratchMounts" $root | nindent 12 }}
      volumes:
        {{- include "tp.scratchVolumes" $root | nindent 8 }}
{{- end -}}
