package zz_tmp
import ("testing";"fmt";"time";"context";"github.com/geokg/geokg/bench";"github.com/geokg/geokg/graph")
func TestQ(t *testing.T){
 ctx:=context.Background()
 t0:=time.Now()
 st,err:=graph.Open(ctx,graph.Config{Address:"/tmp/bx/db30",LockTimeout:600e9}); if err!=nil{t.Fatal(err)}
 defer st.Close(); fmt.Println("opened",time.Since(t0))
 qs:=bench.Questions(1,4)
 for _,q:=range qs{
  fmt.Println(q.Text, q.Entity.ID)
  if q.Entity.ID==""{continue}
  t1:=time.Now(); n,err:=bench.PathQuestion(ctx,st.Handle(),q); fmt.Println(" path",n,err,time.Since(t1))
  t1=time.Now(); n,err=bench.GizmoQuestion(ctx,st,q); fmt.Println(" gizmo",n,err,time.Since(t1))
  t1=time.Now(); n,err=bench.AskQuestion(ctx,bench.NewAsker(st),q); fmt.Println(" ask",n,err,time.Since(t1))
 }
}
