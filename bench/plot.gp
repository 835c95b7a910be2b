# Draws bench/latency.png from the data file Report.java writes (columns: connections, GET service req/s and p99 ms,
# GET floor req/s and p99 ms, POST req/s and p99 ms, POST ideal req/s).
# gnuplot -e "data='…'; out='…'; latency=50" bench/plot.gp
set terminal pngcairo size 1400,560 font "sans,11" noenhanced
set output out
set multiplot layout 1,2 title sprintf("teleconsultation-service-backend: service vs floor (Kaleyra simulated at %d ms)", latency)
set logscale x 2
set xlabel "concurrent connections (wrk)"
set grid
set key top left opaque

set title "p99 latency (lower is better)"
set ylabel "p99 latency (ms)"
set logscale y 10
plot data using 1:3 with linespoints lw 2 pt 7 title "GET /teleconsultation/{id} (service)", \
     data using 1:5 with linespoints lw 2 pt 5 title "GET /floor/:id (floor)", \
     data using 1:7 with linespoints lw 2 pt 9 title "POST /teleconsultation (service)"

set title "throughput (higher is better)"
set key bottom right opaque
set ylabel "requests per second"
plot data using 1:2 with linespoints lw 2 pt 7 title "GET /teleconsultation/{id} (service)", \
     data using 1:4 with linespoints lw 2 pt 5 title "GET /floor/:id (floor)", \
     data using 1:6 with linespoints lw 2 pt 9 title "POST /teleconsultation (service)", \
     data using 1:8 with lines dt 2 lw 1 lc rgb "gray40" title "POST ideal: connections / Kaleyra latency"
unset multiplot
