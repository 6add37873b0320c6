// Package samples serves the small built-in backends the demo APIs call,
// so `make run` works on a machine with no other services.
package samples

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Pizza is an item of the PizzaShack menu.
type Pizza struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Price       float64 `json:"price"`
	Icon        string  `json:"icon"`
}

// Order is a PizzaShack order.
type Order struct {
	OrderID      string    `json:"orderId"`
	PizzaType    string    `json:"pizzaType"`
	Quantity     int       `json:"quantity"`
	CustomerName string    `json:"customerName"`
	Address      string    `json:"address"`
	Delivered    bool      `json:"delivered"`
	CreatedAt    time.Time `json:"createdAt"`
}

var menu = []Pizza{
	{"Chicken Parmesan", "Grilled chicken, fresh tomatoes, feta and mozzarella cheese", 13.99, "/images/chicken_parmesan.png"},
	{"Spicy Italian", "Pepperoni and a double portion of spicy Italian sausage", 11.99, "/images/spicy_italian.png"},
	{"Tuscan Six Cheese", "Six cheese blend of mozzarella, Parmesan, Romano, Asiago and Fontina", 10.99, "/images/tuscan_six_cheese.png"},
	{"Garden Fresh", "Slices onions and green peppers, gourmet mushrooms, black olives and ripe Roma tomatoes", 9.99, "/images/garden_fresh.png"},
}

// PizzaShack is the demo backend: GET /menu, POST /order and
// GET/PUT/DELETE /order/{orderId}, with orders kept in memory.
type PizzaShack struct {
	mu     sync.Mutex
	orders map[string]Order
	next   int
}

// NewPizzaShack returns an empty shop.
func NewPizzaShack() *PizzaShack { return &PizzaShack{orders: map[string]Order{}} }

// Handler serves the shop under any prefix the caller strips.
func (p *PizzaShack) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /menu", func(w http.ResponseWriter, _ *http.Request) { reply(w, http.StatusOK, menu) })
	mux.HandleFunc("POST /order", p.create)
	mux.HandleFunc("GET /order/{orderId}", p.get)
	mux.HandleFunc("PUT /order/{orderId}", p.update)
	mux.HandleFunc("DELETE /order/{orderId}", p.delete)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		reply(w, http.StatusNotFound, map[string]string{"error": "no such resource"})
	})
	return mux
}

func (p *PizzaShack) create(w http.ResponseWriter, r *http.Request) {
	o, ok := decodeOrder(w, r)
	if !ok {
		return
	}
	p.mu.Lock()
	if len(p.orders) >= 10000 {
		p.mu.Unlock()
		reply(w, http.StatusServiceUnavailable, map[string]string{"error": "the shop is full"})
		return
	}
	p.next++
	o.OrderID = strconv.Itoa(p.next)
	o.CreatedAt = time.Now().UTC()
	p.orders[o.OrderID] = o
	p.mu.Unlock()
	reply(w, http.StatusCreated, o)
}

func (p *PizzaShack) get(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	o, ok := p.orders[r.PathValue("orderId")]
	p.mu.Unlock()
	if !ok {
		reply(w, http.StatusNotFound, map[string]string{"error": "order not found"})
		return
	}
	reply(w, http.StatusOK, o)
}

func (p *PizzaShack) update(w http.ResponseWriter, r *http.Request) {
	in, ok := decodeOrder(w, r)
	if !ok {
		return
	}
	id := r.PathValue("orderId")
	p.mu.Lock()
	o, found := p.orders[id]
	if found {
		in.OrderID, in.CreatedAt = o.OrderID, o.CreatedAt
		p.orders[id] = in
	}
	p.mu.Unlock()
	if !found {
		reply(w, http.StatusNotFound, map[string]string{"error": "order not found"})
		return
	}
	reply(w, http.StatusOK, in)
}

func (p *PizzaShack) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("orderId")
	p.mu.Lock()
	_, found := p.orders[id]
	delete(p.orders, id)
	p.mu.Unlock()
	if !found {
		reply(w, http.StatusNotFound, map[string]string{"error": "order not found"})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func decodeOrder(w http.ResponseWriter, r *http.Request) (Order, bool) {
	var o Order
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&o); err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"error": "the body must be a JSON order"})
		return o, false
	}
	if o.PizzaType == "" || o.Quantity <= 0 || o.Quantity > 100 {
		reply(w, http.StatusBadRequest, map[string]string{"error": "pizzaType and a quantity of 1-100 are required"})
		return o, false
	}
	return o, true
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
