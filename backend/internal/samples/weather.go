package samples

import (
	"hash/fnv"
	"net/http"
	"strings"
	"time"
)

// Weather is the demo weather backend: GET /current/{city} and
// GET /forecast/{city}. The numbers are made up but stable for a city and
// day, so a demo shows the same answer twice.
func Weather() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /current/{city}", func(w http.ResponseWriter, r *http.Request) {
		city := r.PathValue("city")
		reply(w, http.StatusOK, dayWeather(city, time.Now().UTC(), 0))
	})
	mux.HandleFunc("GET /forecast/{city}", func(w http.ResponseWriter, r *http.Request) {
		city := r.PathValue("city")
		now := time.Now().UTC()
		days := make([]map[string]any, 5)
		for i := range days {
			days[i] = dayWeather(city, now, i)
		}
		reply(w, http.StatusOK, map[string]any{"city": city, "days": days})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		reply(w, http.StatusNotFound, map[string]string{"error": "try GET /current/{city} or GET /forecast/{city}"})
	})
	return mux
}

var skies = []string{"sunny", "partly cloudy", "cloudy", "light rain", "showers", "windy"}

func dayWeather(city string, now time.Time, offset int) map[string]any {
	day := now.AddDate(0, 0, offset).Format(time.DateOnly)
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(city) + day))
	n := h.Sum32()
	return map[string]any{
		"city": city, "date": day,
		"temperatureC": int(n%30) - 2,
		"sky":          skies[int(n>>8)%len(skies)],
		"windKph":      int(n>>16) % 40,
	}
}
